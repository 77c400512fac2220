/**
 * A retailer unlike the demo: `SITES_DIR=./sites npm start` with a bike shop
 * on a Google Merchant XML feed and a book shop on a CSV feed, thousands of
 * generated products with variants and sold-out items. The official openai
 * client asks questions and gets cards of that shop only.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCatalog } from './helpers/catalog-generator.js';
import { toCsv, toMerchantXml } from './helpers/feed-writers.js';
import { ROOT, TSX, startMain, type MainProcess } from './helpers/main-process.js';
import { openShopper } from './helpers/openai-shopper.js';
import { eventually } from './helpers/eventually.js';
import type { Product } from '../src/catalog/types.js';

const ACME_SECRET = 'acme-site-secret-0123456789abcdef';
const VELORA_SECRET = 'velora-site-secret-0123456789abcd';

const extra = (id: string, name: string, over: Partial<Product> = {}): Product => ({
  id, name, description: `${name}, hand-built in our workshop.`, brand: 'Acme', categoryPath: ['Bikes', 'City bikes'], price: 899, currency: 'EUR',
  availability: 'in_stock', image: `https://cdn.acme.test/${id}.jpg`, url: `https://shop.acme.test/p/${id}`, tags: [], variants: [], ...over,
});

const acmeProducts = [
  ...generateCatalog({ count: 3000, seed: 7, shop: 'bikes', language: 'de' }),
  extra('acme-velo-leger', 'Vélo Léger Stadtrad'),
  extra('acme-soldout-cargo', 'Packesel Cargo Bike', { availability: 'out_of_stock', price: 2400 }),
];
const veloraProducts = generateCatalog({ count: 1500, seed: 11, shop: 'books' });
const acmeIds = new Set(acmeProducts.map((p) => p.id));
const soldOut = new Set(acmeProducts.filter((p) => p.availability === 'out_of_stock').map((p) => p.id));

function siteFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cv-sites-'));
  const sites = join(dir, 'sites');
  mkdirSync(join(sites, 'feeds'), { recursive: true });
  writeFileSync(join(sites, 'feeds', 'acme-feed.xml'), toMerchantXml(acmeProducts));
  // Two rows a spreadsheet export might have, in the writer's columns (id, item_group_id, title, description, link, image_link, price, ...):
  // no title, and a price that is not one.
  const badRows = ['bad-1,,,A book with no title,/p/bad-1,/i/bad-1.jpg,12.00 EUR,,in_stock,Velora', 'bad-2,,A Book,Priced in words,/p/bad-2,/i/bad-2.jpg,twelve euros,,in_stock,Velora'];
  writeFileSync(join(sites, 'feeds', 'velora.csv'), `${toCsv(veloraProducts).trimEnd()}\n${badRows.join('\n')}\n`);
  // The schema copied beside the site files, as the README suggests, for editors.
  writeFileSync(join(sites, 'site.schema.json'), readFileSync(join(ROOT, 'docs/site.schema.json')));
  writeFileSync(
    join(sites, 'acme.json'),
    JSON.stringify({
      id: 'acme',
      shopName: 'Acme Bikes',
      shopUrl: 'https://shop.acme.test',
      allowedOrigins: ['https://shop.acme.test'],
      instructions: 'You are the friendly assistant of Acme Bikes, a bicycle shop.',
      language: 'de',
      policies: { shipping: 'Free shipping in the EU over 50 EUR.', returns: 'Return unused items within 30 days.', warranty: 'Frames carry a five-year warranty.' },
      catalog: { source: './feeds/acme-feed.xml' },
    }),
  );
  writeFileSync(
    join(sites, 'velora.json'),
    JSON.stringify({
      id: 'velora',
      shopName: 'Velora Books',
      shopUrl: 'https://velora.test',
      allowedOrigins: ['https://velora.test', 'https://www.velora.test'],
      policies: { shipping: 'Books ship in two days.' },
      catalog: { source: 'feeds/velora.csv', format: 'csv', currency: 'EUR' },
    }),
  );
  return sites;
}

let gw: MainProcess;
let workDir = '';
const shopper = (site: 'acme' | 'velora') =>
  openShopper({ httpUrl: gw.httpUrl, tlsUrl: gw.tlsUrl!, ca: readFileSync(`${workDir}/.contoso-voice/dev-cert/cert.pem`), site, siteSecret: site === 'acme' ? ACME_SECRET : VELORA_SECRET });
const get = (path: string) => fetch(`${gw.httpUrl}${path}`).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

beforeAll(async () => {
  const sites = siteFolder();
  workDir = mkdtempSync(join(tmpdir(), 'cv-sites-run-'));
  gw = await startMain(workDir, { SITES_DIR: sites, SITE_SECRET_ACME: ACME_SECRET, SITE_SECRET_VELORA: VELORA_SECRET, LOCAL_ENGINE_INSPECT: 'on' }, 60_000);
}, 90_000);
afterAll(() => gw?.stop());

describe('SITES_DIR=./sites npm start', () => {
  it('serves those sites and only those, and says how each catalog loaded', async () => {
    await eventually(() => /site "velora" \(Velora Books\): \d+ products, 2 feed rows skipped/.test(gw.output()), 'the site lines');
    expect(gw.output()).toMatch(/site "acme" \(Acme Bikes\): \d+ products/);
    const health = (await get('/healthz')).body;
    expect(Object.keys(health.sites).sort()).toEqual(['acme', 'velora']);
    expect(health.sites.acme.products).toBeGreaterThan(1000);
    expect(health.sites.acme.products).toBeLessThanOrEqual(acmeProducts.length);
    expect(health.sites.velora).toMatchObject({ skipped: 2 });
    expect(gw.output()).toMatch(/"event":"catalog.rows_skipped".*"site":"velora".*row \d+ \(bad-1\)/);
    expect((await get('/v1/catalog/products?site=demo')).status).toBe(404);
    expect((await fetch(`${gw.httpUrl}/`)).status).toBe(404);
  });

  it('answers the openai client from that shop\'s catalog, with its name, never offering sold-out items', async () => {
    const acme = await shopper('acme');
    expect((await acme.ask('hello')).text).toContain('Acme Bikes');
    const lights = await acme.ask('Do you have bike lights?');
    expect(lights.cards.length, lights.text).toBeGreaterThan(0);
    for (const card of lights.cards) {
      expect(acmeIds.has(card.id)).toBe(true);
      expect(soldOut.has(card.id)).toBe(false);
      expect(card.currency).toBe('EUR');
    }
    expect(lights.cards.some((c) => /light|lamp|leuchte|licht/i.test(c.name))).toBe(true);
    expect((await acme.ask('How long is the warranty?')).text).toContain('five-year warranty');
    // The model is told the shop's name and today's date by the gateway, then the retailer's own words, unchanged.
    const sessionId = acme.events.find((e) => e.type === 'gateway.session')!.session_id as string;
    const told = (await get(`/v1/debug/sessions/${sessionId}`)).body;
    expect(told.instructions).toContain('You are the shopping assistant of Acme Bikes (https://shop.acme.test).');
    expect(told.instructions).toContain(`Today is ${new Date().toISOString().slice(0, 10)}.`);
    expect(told.instructions).toMatch(/\nYou are the friendly assistant of Acme Bikes, a bicycle shop\.$/);
    expect(told.tools).toEqual(['search_products', 'get_product', 'get_store_policy', 'add_to_cart', 'remove_from_cart', 'get_cart', 'show_product']);
    const cargo = await acme.ask('Packesel Cargo Bike');
    expect(cargo.text).toMatch(/sold out/i);
    expect(cargo.cards.some((c) => c.id === 'acme-soldout-cargo')).toBe(false);
    acme.close();

    const velora = await shopper('velora');
    const books = await velora.ask('a crime novel for a long train ride');
    expect(books.cards.length).toBeGreaterThan(0);
    expect(books.cards.every((c) => veloraProducts.some((p) => p.id === c.id && p.categoryPath.includes('Crime')))).toBe(true);
    expect(books.cards.some((c) => acmeIds.has(c.id))).toBe(false);
    velora.close();
  });

  it('folds accents, finds German words, and leaves sold-out items out of listings', async () => {
    const velo = (await get('/v1/catalog/products?site=acme&q=velo+leger')).body;
    expect(velo.products[0].name).toMatch(/^Vélo Léger/);
    const german = acmeProducts.find((p) => /[äöüß]|Fahrrad|schloss/i.test(p.name) && p.availability !== 'out_of_stock')!;
    const word = german.name.split(' ').find((w) => w.length > 5)!;
    const found = (await get(`/v1/catalog/products?site=acme&q=${encodeURIComponent(word.toLowerCase())}`)).body;
    expect(found.products.map((p: Product) => p.id)).toContain(german.id);
    const all = (await get('/v1/catalog/products?site=acme&q=bike&limit=100')).body;
    expect(all.products.every((p: Product) => p.availability !== 'out_of_stock')).toBe(true);
    const byName = (await get('/v1/catalog/products?site=acme&category=city+bikes&limit=100')).body;
    expect(byName.products.length).toBeGreaterThan(0);
    expect(byName.products.every((p: Product) => p.categoryPath.includes('City bikes'))).toBe(true);
  });

  it('gives variants to the model and the catalog: one product per item group', async () => {
    const withVariants = acmeProducts.find((p) => p.variants.length > 1 && p.availability !== 'out_of_stock')!;
    const one = (await get(`/v1/catalog/products/${encodeURIComponent(withVariants.id)}?site=acme`)).body;
    expect(one.variants.length).toBe(withVariants.variants.length);
    expect(one.variants[0].options).toEqual(withVariants.variants[0]!.options);
  });
});

function startExpectingFailure(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'cv-sites-bad-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}packages/gateway/src/main.ts`], {
      cwd,
      env: { ...process.env, PORT: '0', DEV_TLS: 'off', OPENAI_API_KEY: '', UPSTREAM: '', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cv-sites-bad-'));
  mkdirSync(join(dir, 'feeds'));
  writeFileSync(join(dir, 'feeds', 'feed.json'), JSON.stringify({ currency: 'EUR', products: [{ id: 'p1', name: 'Bell', price: 5, brand: 'Ding', category: 'Parts', description: 'A bell.', image: '/b.png', url: '/b' }] }));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}

const good = { id: 'acme', shopName: 'Acme Bikes', shopUrl: 'https://shop.acme.test', allowedOrigins: ['https://shop.acme.test'], catalog: { source: './feeds/feed.json' } };

describe('a start that fails with the file, the field and the reason', () => {
  it('refuses a site that allows localhost origins when a model key is set, unless the operator says so', async () => {
    const dir = folderWith({ 'acme.json': { ...good, allowedOrigins: ['https://shop.acme.test', 'http://localhost:*'] } });
    const refused = await startExpectingFailure({ SITES_DIR: dir, OPENAI_API_KEY: 'sk-test-not-a-real-key' });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/site "acme" allows http:\/\/localhost:\*.*ALLOW_LOOPBACK_ORIGINS=on/s);
    // With the local engine there is no key to spend, so the same file starts.
    const local = await startMain(mkdtempSync(join(tmpdir(), 'cv-sites-ok-')), { SITES_DIR: dir, DEV_TLS: 'off' });
    await eventually(() => /site "acme" \(Acme Bikes\): 1 product;/.test(local.output()), 'the site line');
    await local.stop();
  });

  it('starts a shop with https origins and a model key, and warns when TOKEN_SECRET is left to this machine', async () => {
    const dir = folderWith({ 'acme.json': good });
    const keyed = await startMain(mkdtempSync(join(tmpdir(), 'cv-sites-key-')), { SITES_DIR: dir, DEV_TLS: 'off', OPENAI_API_KEY: 'sk-test-not-a-real-key', TOKEN_SECRET: '' });
    await eventually(() => /site "acme"/.test(keyed.output()), 'the site line');
    expect(keyed.output()).toMatch(/upstream: openai/);
    expect(keyed.output()).toMatch(/TOKEN_SECRET is not set: using the one kept in \.contoso-voice\/token-secret/);
    await keyed.stop();
  });

  it('refuses the demo with a model key too, unless ALLOW_LOOPBACK_ORIGINS=on', async () => {
    const refused = await startExpectingFailure({ OPENAI_API_KEY: 'sk-test-not-a-real-key' });
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/site "demo" allows http:\/\/localhost:\*/);
  });

  it.each([
    ['a missing field', { 'acme.json': { ...good, shopName: undefined } }, /acme\.json: shopName: /],
    ['an unknown field', { 'acme.json': { ...good, colour: 'red' } }, /acme\.json: \(top level\): unknown field "colour"/],
    ['an origin that is not one', { 'acme.json': { ...good, allowedOrigins: ['shop.acme.test'] } }, /acme\.json: allowedOrigins\.0: must be an origin/],
    ['two sites with one id', { 'a.json': good, 'b.json': good }, /b\.json: id: "acme" is already the id of .*a\.json/],
    ['a catalog that cannot be read', { 'acme.json': { ...good, catalog: { source: './missing.xml' } } }, /site "acme": catalog\.source: .*missing\.xml: no file/],
    ['a secret in the file', { 'acme.json': { ...good, siteSecret: 'x'.repeat(20) } }, /siteSecret: secrets are never read from a site file/],
    ['a file that is not JSON', { 'acme.json': '{ "id": ' }, /acme\.json: not valid JSON/],
    ['a feed no site names, among the site files', { 'acme.json': good, 'products.json': { products: [] } }, /products\.json: this is a product feed, not a site file/],
  ])('%s', async (_what, files, message) => {
    const { code, out } = await startExpectingFailure({ SITES_DIR: folderWith(files) });
    expect(code).toBe(1);
    expect(out).toMatch(message);
  });
});
