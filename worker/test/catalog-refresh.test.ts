/**
 * How a CatalogHost keeps a site's index fresh, over a bucket that behaves
 * like R2 (etags that change with the bytes, head and get), with a clock the
 * test moves: a re-upload is seen after refreshMinutes, an unchanged feed
 * costs a head request, a broken one keeps the last good index. wrangler dev
 * cannot move its clock past the five-minute minimum, so this runs in Node.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { catalogKeeper } from '../src/catalog-keeper.js';
import { bucketCatalogReader } from '../src/bucket-catalog-reader.js';
import { bucketSiteReader } from '../src/bucket-sites.js';
import { catalogKey, siteKey } from '../src/bucket-layout.js';
import { ACME_SITE, acmeProducts } from './helpers/acme-site.js';
import { toMerchantXml } from '../../packages/gateway/test/helpers/feed-writers.js';

function fakeBucket() {
  const objects = new Map<string, string>();
  const calls: string[] = [];
  const object = (key: string) => {
    const text = objects.get(key);
    if (text === undefined) return null;
    const etag = createHash('md5').update(text).digest('hex');
    return { key, size: Buffer.byteLength(text), etag, uploaded: new Date(), text: async () => text };
  };
  const bucket: R2Bucket = {
    head: async (key) => (calls.push(`head ${key}`), object(key)),
    get: async (key) => (calls.push(`get ${key}`), object(key)),
  };
  return { bucket, calls, put: (key: string, text: string) => void objects.set(key, text) };
}

const FEED_KEY = catalogKey('acme', 'feed.xml');
const siteFile = (over: Record<string, unknown> = {}) => JSON.stringify({ ...ACME_SITE, catalog: { ...ACME_SITE.catalog, source: FEED_KEY }, ...over });
const MINUTE = 60_000;

function keeperOver(store: ReturnType<typeof fakeBucket>) {
  let clock = Date.parse('2026-12-02T10:00:00Z');
  const logs: { event: string; fields?: Record<string, unknown> }[] = [];
  const keeper = catalogKeeper({
    siteId: 'acme',
    readSite: bucketSiteReader(store.bucket, 'acme'),
    readCatalog: bucketCatalogReader(store.bucket),
    log: (event, fields) => void logs.push({ event, fields }),
    now: () => clock,
  });
  return { keeper, logs, advance: (ms: number) => void (clock += ms) };
}

describe('a CatalogHost keeping its index fresh', () => {
  it('sees a re-uploaded feed once refreshMinutes have passed, and not before', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    const { keeper, advance } = keeperOver(store);
    expect(await (await keeper.catalog()).byId('acme-bikes-20')).toBeDefined();
    expect(await (await keeper.catalog()).byId('acme-bikes-30')).toBeUndefined();
    expect(keeper.status().products).toBe(20);

    store.put(FEED_KEY, toMerchantXml(acmeProducts(30)));
    advance(4 * MINUTE);
    expect(keeper.refreshIfDue()).toBeNull();
    expect(keeper.status().products).toBe(20);

    advance(1 * MINUTE);
    await keeper.refreshIfDue();
    expect(keeper.status().products).toBe(30);
    expect(await (await keeper.catalog()).byId('acme-bikes-30')).toBeDefined();
  });

  it('re-reads at once when told of a new upload, before refreshMinutes', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    const { keeper, advance } = keeperOver(store);
    await keeper.catalog();
    expect(keeper.refreshIfDue('upload-1')).toBeNull();
    store.put(FEED_KEY, toMerchantXml(acmeProducts(25)));
    advance(10_000);
    expect(keeper.refreshIfDue('upload-1')).toBeNull();
    await keeper.refreshIfDue('upload-2');
    expect(keeper.status().products).toBe(25);
  });

  it('asks an unchanged feed only for its etag', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    const { keeper, advance } = keeperOver(store);
    await keeper.catalog();
    const loadedAt = keeper.status().loadedAt;
    store.calls.length = 0;
    advance(5 * MINUTE);
    await keeper.refreshIfDue();
    expect(store.calls).toEqual([`head ${siteKey('acme')}`, `head ${FEED_KEY}`]);
    expect(keeper.status().loadedAt).toBe(loadedAt);
    expect(keeper.status().checkedAt).not.toBe(loadedAt);
  });

  it('keeps the last good index when the new feed is broken or empty, and says why', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    const { keeper, advance, logs } = keeperOver(store);
    await keeper.catalog();

    store.put(FEED_KEY, '<rss><channel><item>');
    advance(5 * MINUTE);
    await keeper.refreshIfDue();
    expect(keeper.status()).toMatchObject({ products: 20, lastError: expect.stringContaining('XML') });
    expect(await (await keeper.catalog()).byId('acme-bikes-1')).toBeDefined();

    store.put(FEED_KEY, toMerchantXml([]));
    advance(5 * MINUTE);
    await keeper.refreshIfDue();
    expect(keeper.status()).toMatchObject({ products: 20, lastError: expect.stringContaining('no valid product') });
    expect(logs.filter((l) => l.event === 'catalog.refresh_failed')).toHaveLength(2);
  });

  it('rebuilds with the new settings when the site file itself changed', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    const otherKey = catalogKey('acme', 'feed-2.xml');
    store.put(otherKey, toMerchantXml(acmeProducts(5)));
    const { keeper, advance, logs } = keeperOver(store);
    await keeper.catalog();
    store.put(siteKey('acme'), siteFile({ catalog: { ...ACME_SITE.catalog, source: otherKey, refreshMinutes: 10 } }));
    advance(5 * MINUTE);
    await keeper.refreshIfDue();
    expect(keeper.status().products).toBe(5);
    advance(5 * MINUTE);
    expect(keeper.refreshIfDue()).toBeNull(); // now every 10 minutes
    expect(logs.filter((l) => l.event === 'catalog.indexed')).toHaveLength(2);
  });

  it('refuses requests while the first read fails, and tries again after a pause, not on every request', async () => {
    const store = fakeBucket();
    store.put(siteKey('acme'), siteFile());
    const { keeper, advance } = keeperOver(store);
    await expect(keeper.catalog()).rejects.toThrow(/could not be loaded: no object catalogs\/acme\/feed\.xml/);
    expect(keeper.status()).toMatchObject({ products: 0, loadedAt: null, lastError: expect.stringContaining('no object') });
    store.put(FEED_KEY, toMerchantXml(acmeProducts(20)));
    store.calls.length = 0;
    await expect(keeper.catalog()).rejects.toThrow();
    expect(store.calls).toEqual([]);
    advance(30_000);
    expect((await keeper.catalog()) && keeper.status().products).toBe(20);
  });
});
