// The gateway from the tarball with its local engine and the demo site, on a free port: prints what /healthz says.
import { startNodeGateway } from '@contoso-voice/gateway/node';
import { localUpstream } from '@contoso-voice/gateway/upstreams';
import { loadSitesDir } from '@contoso-voice/gateway/sites-dir';

const loaded = await loadSitesDir(undefined, { log: () => {} });
const gateway = await startNodeGateway({
  upstream: localUpstream(),
  sites: loaded.sites,
  catalogs: loaded.catalogs,
  security: { tokenSecret: 'packaging-test-token-secret', siteSecrets: {} },
  port: 0,
});
try {
  const res = await fetch(`${gateway.url}/healthz`);
  process.stdout.write(JSON.stringify({ status: res.status, body: await res.json() }));
} finally {
  await gateway.close();
  loaded.stop();
}
