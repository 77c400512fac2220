/**
 * A feed served over HTTP by the test, as a retailer's would be: the catalog
 * follows a change, stays on 304, and keeps the last good one when the feed
 * breaks, empties, grows past its bound, or points at a private address.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveCatalog, type LiveCatalog } from '../src/catalog/live-catalog.js';
import { fetchFeed } from '../src/catalog/feed-fetch.js';
import { nodeCatalogReader } from '../src/node/catalog-reader.js';
import { publicOnlyFetch, publicOnlyLookup } from '../src/node/guarded-fetch.js';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { parseSiteFile } from '../src/sites/site-file.js';
import { siteFromFile } from '../src/sites/site-config.js';
import type { LogFields } from '../src/log.js';

const product = (id: string, name: string, price: number) => ({ id, name, price, brand: 'Velora', category: 'Books', description: `${name}, a novel.`, image: `/img/${id}.png`, url: `/p/${id}` });
const feedOf = (...products: object[]) => JSON.stringify({ currency: 'EUR', products });

let server: Server;
let base = '';
let body = feedOf(product('b1', 'The Lighthouse Keeper', 12), product('b2', 'Salt and Iron', 15), product('b3', 'Winter Orchard', 9));
const seen: { path: string; ifNoneMatch?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url!, ifNoneMatch: req.headers['if-none-match'] });
    if (req.url === '/huge') {
      // Declares 500 MB and would send it: refused on the header, before any of it is read.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(500 * 1024 * 1024) });
      res.write('{"products":[');
      return;
    }
    if (req.url === '/chunked-huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 400 && res.write(chunk)) sent++;
        if (sent < 400) res.once('drain', pump);
        else res.end();
      };
      pump();
      return;
    }
    if (req.url === '/to-other-loopback') {
      res.writeHead(302, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/feed` }).end();
      return;
    }
    const etag = `"${Buffer.from(body).length}-${body.charCodeAt(body.length - 3)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

function siteWith(source: string, maxMegabytes = 1) {
  const file = { id: 'books', shopName: 'Velora Books', shopUrl: 'https://velora.test', allowedOrigins: ['https://velora.test'], catalog: { source, maxMegabytes } };
  return siteFromFile(parseSiteFile(JSON.stringify(file), 'books.json'), (s) => s);
}

describe('a catalog read from a feed URL', () => {
  const logs: { event: string; fields?: LogFields }[] = [];
  let live: LiveCatalog;
  const names = async (q: string) => (await live.catalog.search(q, {}, 10)).map((h) => h.product.name);

  it('loads at start', async () => {
    live = await startLiveCatalog(siteWith(`${base}/feed`), nodeCatalogReader({ allowPrivate: true }), (event, fields) => logs.push({ event, fields }));
    expect(live.status()).toMatchObject({ products: 3, skipped: 0 });
    expect(await names('lighthouse')).toEqual(['The Lighthouse Keeper']);
  });

  it('follows a changed feed', async () => {
    body = feedOf(product('b1', 'The Lighthouse Keeper', 12), product('b4', 'A Map of Tides', 18));
    await live.refresh();
    expect(live.status()).toMatchObject({ products: 2 });
    expect(await names('tides')).toEqual(['A Map of Tides']);
    expect(await names('orchard')).toEqual([]);
  });

  it('asks with If-None-Match and keeps the catalog on 304', async () => {
    const loadedAt = live.status().loadedAt;
    await live.refresh();
    expect(seen.at(-1)!.ifNoneMatch).toMatch(/^"/);
    expect(live.status()).toMatchObject({ products: 2, loadedAt });
    expect(live.status().lastError).toBeUndefined();
  });

  it('keeps the last good catalog when the feed breaks or has no valid row', async () => {
    body = '{"currency":"EUR","products":[{"id":';
    await live.refresh();
    expect(live.status()).toMatchObject({ products: 2 });
    expect(live.status().lastError).toBeTruthy();
    body = feedOf({ id: 'x1', price: 'free' }, { name: 'No id at all', price: 3 });
    await live.refresh();
    expect(live.status()).toMatchObject({ products: 2 });
    expect(live.status().lastError).toMatch(/no valid product: all 2 rows were skipped/);
    expect(await names('tides')).toEqual(['A Map of Tides']);
    expect(logs.filter((l) => l.event === 'catalog.refresh_failed')).toHaveLength(2);
    // The refused version is not parsed again while it is unchanged: the feed answers 304 and nothing more is logged.
    await live.refresh();
    expect(seen.at(-1)!.ifNoneMatch).toMatch(/^"/);
    expect(logs.filter((l) => l.event === 'catalog.refresh_failed')).toHaveLength(2);
    expect(live.status().lastError).toMatch(/no valid product/);
  });

  it('refuses a feed over its size bound, declared or streamed, and keeps the catalog', async () => {
    const before = process.memoryUsage().rss;
    for (const path of ['/huge', '/chunked-huge']) {
      const site = siteWith(`${base}${path}`);
      await expect(startLiveCatalog(site, nodeCatalogReader({ allowPrivate: true }), () => {})).rejects.toThrow(/over the 1048576-byte limit/);
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    expect(live.status()).toMatchObject({ products: 2 });
  });
});

describe('a catalog read from a file', () => {
  it('is read again when the file changes, and not when it does not', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cv-feed-')), 'books.json');
    writeFileSync(file, feedOf(product('b1', 'The Lighthouse Keeper', 12)));
    const loaded: unknown[] = [];
    const live = await startLiveCatalog(siteWith(file), nodeCatalogReader(), (event) => event === 'catalog.loaded' && loaded.push(event));
    await live.refresh();
    expect(loaded).toHaveLength(1);
    writeFileSync(file, feedOf(product('b1', 'The Lighthouse Keeper', 12), product('b5', 'Harbour Lights', 11)));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await live.refresh();
    expect(loaded).toHaveLength(2);
    expect(live.status()).toMatchObject({ products: 2 });
    live.stop();
  });
});

describe('feed addresses', () => {
  it('refuses loopback and private feed hosts unless the operator allows them', async () => {
    await expect(startLiveCatalog(siteWith(`${base}/feed`), nodeCatalogReader(), () => {})).rejects.toThrow(/https only/);
    const opts = { maxBytes: 1e6, timeoutMs: 5000, allowPrivate: false };
    await expect(fetchFeed(`https://127.0.0.1:1/feed`, opts)).rejects.toThrow(/127\.0\.0\.1 is not a public address/);
    await expect(fetchFeed(`https://localhost:1/feed`, opts)).rejects.toThrow(/it is this machine/);
    await expect(fetchFeed(`https://[::ffff:10.1.2.3]/feed`, opts)).rejects.toThrow(/not a public address/);
    await expect(fetchFeed(`https://shop.internal/feed`, { ...opts, resolveHost: async () => ['192.168.1.20'] })).rejects.toThrow(/192\.168\.1\.20 is not a public address/);
  });

  it('checks the address of the connection itself, so DNS that answers differently the second time reaches nothing inside', async () => {
    await expect(new Promise((resolve, reject) => publicOnlyLookup('localhost', {}, (err, address) => (err ? reject(err) : resolve(address))))).rejects.toThrow(/127\.0\.0\.1 is not a public address/);
    // This machine's own name resolves to loopback here; the first look-up is made to answer a public address, as a rebinding host would.
    const own = hostname();
    const ownAddress = (await lookup(own)).address;
    if (ownAddress.startsWith('127.')) {
      const rebinding = { maxBytes: 1e6, timeoutMs: 5000, allowPrivate: false, allowHttp: true, resolveHost: async () => ['93.184.216.34'], fetch: publicOnlyFetch };
      await expect(fetchFeed(`http://${own}:${(server.address() as AddressInfo).port}/feed`, rebinding)).rejects.toThrow(/is not a public address/);
    }
  });

  it('follows no redirect to an address it would not fetch from', async () => {
    const onlyFirst = { maxBytes: 1e6, timeoutMs: 5000, allowPrivate: false, allowHttp: true, isAllowedAddress: (a: string) => a === '127.0.0.1' };
    await expect(fetchFeed(`${base}/feed`, onlyFirst)).resolves.toMatchObject({ status: 'ok' });
    await expect(fetchFeed(`${base}/to-other-loopback`, onlyFirst)).rejects.toThrow(/127\.0\.0\.2 is not a public address/);
  });
});
