// The gateway both apps mount: the local engine (no model key), the bundled demo site, and the shop's own
// site files in ./sites (Outfitters, publicTokens false: only this backend can mint its tokens).
import { fileURLToPath } from 'node:url';
import { localUpstream } from '@contoso-voice/gateway/upstreams';
import { bundledDemo } from '@contoso-voice/gateway/sites';
import { loadSitesDir } from '@contoso-voice/gateway/sites-dir';

export const OUTFITTERS_SECRET = 'outfitters-site-secret-for-packaging';

const demo = bundledDemo();
const own = await loadSitesDir(fileURLToPath(new URL('./sites', import.meta.url)), { log: () => {} });

export const gatewayConfig = {
  upstream: localUpstream(),
  sites: [...demo.sites, ...own.sites],
  // Two sources of catalogs, one directory: each site id is in one of them.
  catalogs: {
    catalog: (id) => demo.catalogs.catalog(id) ?? own.catalogs.catalog(id),
    status: async (id) => (await demo.catalogs.status(id)) ?? own.catalogs.status(id),
  },
  security: { tokenSecret: 'packaging-test-token-secret', siteSecrets: { outfitters: OUTFITTERS_SECRET } },
};
