import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

const get = (path: string) => fetch(`${gw.url}${path}`).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() }));

/** The status a WebSocket upgrade request is answered with (fetch refuses to send one). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('catalog endpoint', () => {
  it('lists products with query, category and price filters', async () => {
    const all = await get('/v1/catalog/products?limit=100');
    expect(all.status).toBe(200);
    expect(all.body.count).toBeGreaterThanOrEqual(40);
    const tents = await get('/v1/catalog/products?q=family+tent&category=tents&max_price=300');
    expect(tents.body.products.length).toBeGreaterThan(0);
    expect(tents.body.products.every((p: { categoryPath: string[]; price: number }) => p.categoryPath.includes('Tents') && p.price <= 300)).toBe(true);
    expect(tents.body.products[0].id).toBe('tent-basecamp-4');
    const pricey = await get('/v1/catalog/products?min_price=500');
    expect(pricey.body.products.every((p: { price: number }) => p.price >= 500)).toBe(true);
  });

  it('gets one product, and its image', async () => {
    const one = await get('/v1/catalog/products/stove-pocket');
    expect(one.body).toMatchObject({ id: 'stove-pocket', categoryPath: ['Camping stoves'], currency: 'USD', availability: 'in_stock', variants: [] });
    const img = await get(one.body.image);
    expect(img.status).toBe(200);
    expect(img.type).toBe('image/svg+xml');
    expect(img.body).toMatch(/^<svg /);
  });

  it('answers bad queries with a clear 4xx', async () => {
    expect((await get('/v1/catalog/products/nope')).status).toBe(404);
    expect((await get('/v1/catalog/products?category=spaceships')).body.error).toBe('unknown_category');
    expect((await get('/v1/catalog/products?max_price=cheap')).body.error).toBe('invalid_price');
    expect((await get('/v1/catalog/products?site=other')).status).toBe(404);
    expect((await get('/v1/catalog/products?site=__proto__')).body.error).toBe('unknown_site');
    expect((await get('/v1/catalog/products?site=constructor')).status).toBe(404);
    // Site ids are looked up without prototype lookups everywhere a request names one.
    for (const site of ['__proto__', 'constructor', 'toString']) {
      const token = await fetch(`${gw.url}/v1/sessions`, { method: 'POST', headers: { origin: gw.url, 'content-type': 'application/json' }, body: JSON.stringify({ site }) });
      expect(token.status).toBe(404);
      expect(((await token.json()) as { error: string }).error).toBe('unknown_site');
      expect(await upgradeStatus(`${gw.url}/v1/realtime?site=${site}`)).toBe(404);
    }
    expect((await get('/v1/catalog/products?availability=maybe')).body.error).toBe('invalid_availability');
    expect((await get('/v1/catalog/images/..%2Fetc.svg')).status).toBe(404);
    expect((await get('/nowhere')).body.error).toBe('not_found');
  });

  it('reports health and the upstream in use', async () => {
    const health = (await get('/healthz')).body;
    expect(health).toMatchObject({ status: 'ok', upstream: 'local', sites: { demo: { products: 42, categories: 8, skipped: 0, failing: false } } });
    expect(health.sites.demo).not.toHaveProperty('lastError');
    expect(Date.parse(health.sites.demo.loadedAt)).toBeGreaterThan(Date.now() - 600_000);
  });
});
