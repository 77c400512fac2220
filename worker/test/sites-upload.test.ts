/**
 * A retailer's site, uploaded with `npm run sites:upload -- --local` into the
 * state a real `wrangler dev` then runs on, is what the Worker serves: its
 * catalog, its origin, its answers, with the index built once in its
 * CatalogHost. A bad site file is refused before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { ACME_ORIGIN, ACME_SITE, acmeProducts, writeAcmeSiteDir } from './helpers/acme-site.js';
import { uploadSitesLocally, type UploadRun } from './helpers/upload-command.js';
import { askInText, connectClient } from '../../packages/gateway/test/helpers/socket-client.js';
import { eventually } from '../../packages/gateway/test/helpers/eventually.js';
import type { Product } from '../../packages/gateway/src/catalog/types.js';

const products = acmeProducts(200);
/** Item group ids and plain product ids: what a card may name. */
const byId = new Map(products.map((p) => [p.id, p]));
/** One row the feed cannot use, to be reported by row number and not stop the upload. */
const BROKEN_ITEM = '<item><g:id>acme-no-price</g:id><title>Bike without a price</title><g:availability>in_stock</g:availability></item>';
const rowsInFeed = products.reduce((n, p) => n + Math.max(1, p.variants.length), 0);

let siteDir: string;
let stateDir: string;
let upload: UploadRun;
let dev: WranglerDev;

beforeAll(async () => {
  siteDir = writeAcmeSiteDir(products);
  const feed = join(siteDir, 'feed.xml');
  writeFileSync(feed, readFileSync(feed, 'utf8').replace('</channel>', `${BROKEN_ITEM}\n</channel>`));
  stateDir = mkdtempSync(join(tmpdir(), 'contoso-sites-state-'));
  upload = uploadSitesLocally(siteDir, stateDir);
  dev = await startWranglerDev({ UPSTREAM: 'local' }, 90_000, stateDir);
}, 240_000);

afterAll(async () => {
  await dev?.stop();
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

const catalogLines = (event: string) =>
  dev.output.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const parsed = JSON.parse(line) as { event?: string; site?: string };
    return parsed.event === event && parsed.site === 'acme' ? [parsed] : [];
  });

async function openAcmeSession() {
  const res = await fetch(`${dev.url}/v1/sessions`, { method: 'POST', headers: { origin: ACME_ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify({ site: 'acme' }) });
  expect(res.status).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const client = await connectClient(`${dev.url.replace(/^http/, 'ws')}/v1/realtime?site=acme`, { token, origin: ACME_ORIGIN });
  await client.waitFor('gateway.session', 15_000);
  await client.waitFor('session.updated', 15_000);
  return client;
}

describe('sites uploaded to the Worker', () => {
  it('uploads the site, reporting the row it skipped by number', () => {
    expect(upload.status, upload.output).toBe(0);
    expect(upload.output).toContain('site "acme" (Acme Bikes): 200 products from feed.xml');
    expect(upload.output).toContain(`1 feed rows skipped: row ${rowsInFeed + 1} (acme-no-price): no price`);
    expect(upload.output).toMatch(/wrote sites\/acme\.json[\s\S]*wrote sites\/index\.json/);
  });

  it('serves the acme catalog, and the demo is gone', async () => {
    const res = await fetch(`${dev.url}/v1/catalog/products?site=acme&q=helmet`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { site: string; products: Product[] };
    expect(body.site).toBe('acme');
    expect(body.products.length).toBeGreaterThan(0);
    for (const p of body.products) expect(byId.get(p.id)?.name, p.id).toBe(p.name);
    expect(body.products.some((p) => p.categoryPath.includes('Helmets'))).toBe(true);

    const demo = await fetch(`${dev.url}/v1/catalog/products?site=demo&q=tent`);
    expect(demo.status).toBe(404);
    expect(((await demo.json()) as { error: string }).error).toBe('unknown_site');
  });

  it('shows the acme site on /healthz with its product count and when it was loaded', async () => {
    const health = (await (await fetch(`${dev.url}/healthz`)).json()) as { sites: Record<string, { products: number; loadedAt: string | null; skipped: number }> };
    expect(Object.keys(health.sites)).toEqual(['acme']);
    // The upload reported the skipped row; what it uploaded is the checked catalog, so the Worker skips none.
    expect(health.sites.acme).toMatchObject({ products: 200, skipped: 0 });
    expect(Date.parse(health.sites.acme!.loadedAt!)).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it('gives the shop origin a token and answers from the acme catalog, never with a sold-out product', async () => {
    const client = await openAcmeSession();
    askInText(client, 'I need a helmet');
    const cards = await client.waitFor('gateway.products', 15_000);
    expect(cards.products.length).toBeGreaterThan(0);
    for (const card of cards.products as { id: string; name: string }[]) {
      const product = byId.get(card.id);
      expect(product?.name, card.id).toBe(card.name);
      expect(product!.availability).not.toBe('out_of_stock');
    }
    const done = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'), 15_000);
    const answer = JSON.stringify(done.response.output);
    expect((cards.products as { name: string }[]).some((c) => answer.includes(c.name))).toBe(true);
    client.close();
  });

  it('never shows a sold-out product among the cards, even when the shopper names its kind', async () => {
    const soldOut = products.filter((p) => p.availability === 'out_of_stock');
    expect(soldOut.length).toBeGreaterThan(2);
    const client = await openAcmeSession();
    askInText(client, `show me ${soldOut[0]!.categoryPath.at(-1)!.toLowerCase()}`);
    const cards = await client.waitFor('gateway.products', 15_000);
    const soldOutIds = new Set(soldOut.map((p) => p.id));
    expect((cards.products as { id: string }[]).filter((c) => soldOutIds.has(c.id))).toEqual([]);
    client.close();
  });

  it('quotes a policy only this shop has', async () => {
    const client = await openAcmeSession();
    askInText(client, 'what is your warranty?');
    const done = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'), 15_000);
    expect(JSON.stringify(done.response.output)).toContain('fünf Jahre Garantie');
    client.close();
  });

  it('built the index once for every session and request', () => {
    // wrangler dev reloads the Worker when a source file changes (others may be editing the gateway): one build per version.
    const versions = 1 + dev.output.filter((line) => line.includes('Local server updated and ready')).length;
    expect(catalogLines('catalog.loaded')).toHaveLength(versions);
    expect(catalogLines('catalog.indexed')).toHaveLength(versions);
  });

  it('serves a re-uploaded feed without a restart', async () => {
    const more = acmeProducts(210);
    const changed = writeAcmeSiteDir(more);
    try {
      const again = uploadSitesLocally(changed, stateDir);
      expect(again.status, again.output).toBe(0);
      const added = more.at(-1)!;
      // The front trusts its copy of the manifest for 30 s; the CatalogHost re-reads as soon as it hears of the new upload.
      const served = async () => (await fetch(`${dev.url}/v1/catalog/products/${added.id}?site=acme`).catch(() => null))?.status === 200;
      await eventually(served, 'the new product', 90_000);
      const health = (await (await fetch(`${dev.url}/healthz`)).json()) as { sites: Record<string, { products: number; skipped: number }> };
      expect(health.sites.acme).toMatchObject({ products: 210, skipped: 0 });
    } finally {
      rmSync(changed, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('a bad site file', () => {
  it('stops the upload, naming the file and the field, and writes nothing', () => {
    const dir = writeAcmeSiteDir(products.slice(0, 5), { allowedOrigins: ['shop.acme.test'], catalog: { ...ACME_SITE.catalog, refreshMinutes: 1 } });
    const state = mkdtempSync(join(tmpdir(), 'contoso-sites-state-'));
    try {
      const run = uploadSitesLocally(dir, state);
      expect(run.status).not.toBe(0);
      expect(run.output).toContain('Nothing was uploaded');
      expect(run.output).toContain(join(dir, 'acme.json'));
      expect(run.output).toContain('allowedOrigins.0: must be an origin');
      expect(run.output).toContain('catalog.refreshMinutes');
      expect(readdirSync(state)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });

  it('stops the upload at a feed that is not XML, naming it', () => {
    const dir = writeAcmeSiteDir(products.slice(0, 5));
    writeFileSync(join(dir, 'feed.xml'), '<rss><channel><item><g:id>1</g:id>');
    const state = mkdtempSync(join(tmpdir(), 'contoso-sites-state-'));
    try {
      const run = uploadSitesLocally(dir, state);
      expect(run.status).not.toBe(0);
      expect(run.output).toMatch(new RegExp(`acme\\.json: catalog\\.source: ${join(dir, 'feed.xml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*XML`));
      expect(readdirSync(state)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });
});
