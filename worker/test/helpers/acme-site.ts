/**
 * A retailer's site folder unlike the demo: Acme Bikes, a German-speaking
 * bike shop, with a Google Merchant XML feed of generated products (some in
 * item groups, some sold out), written to a temp dir as a retailer would.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog } from '../../../packages/gateway/test/helpers/catalog-generator.js';
import { toMerchantXml } from '../../../packages/gateway/test/helpers/feed-writers.js';
import type { Product } from '../../../packages/gateway/src/catalog/types.js';

export const ACME_ORIGIN = 'https://shop.acme.test';

export const ACME_SITE = {
  id: 'acme',
  shopName: 'Acme Bikes',
  shopUrl: `${ACME_ORIGIN}/`,
  allowedOrigins: [ACME_ORIGIN],
  language: 'de',
  instructions: 'Acme Bikes verkauft Fahrräder, Zubehör und Bekleidung.',
  policies: {
    shipping: 'Versand innerhalb Deutschlands ist ab 50 EUR kostenlos.',
    warranty: 'Auf alle Rahmen geben wir fünf Jahre Garantie, auf Teile zwei Jahre.',
  },
  catalog: { source: './feed.xml', format: 'merchant-xml', refreshMinutes: 5 },
};

/** The shop's products, with links and images on its own origin. */
export function acmeProducts(count: number, seed = 7): Product[] {
  return generateCatalog({ count, seed, shop: 'bikes', language: 'de' }).map((p) => ({
    ...p,
    id: `acme-${p.id}`,
    image: `${ACME_ORIGIN}${p.image}`,
    url: `${ACME_ORIGIN}${p.url}`,
    variants: p.variants.map((v) => ({ ...v, id: `acme-${v.id}` })),
  }));
}

/** Writes the site folder; `site` goes over ACME_SITE. */
export function writeAcmeSiteDir(products: Product[], site: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'contoso-acme-site-'));
  writeFileSync(join(dir, 'acme.json'), JSON.stringify({ ...ACME_SITE, ...site }, null, 2));
  writeFileSync(join(dir, 'feed.xml'), toMerchantXml(products));
  return dir;
}
