/**
 * The uploaded sites as a Worker isolate reads them, over a bucket that fails
 * for a moment the way R2 can: a site is left out only for what the upload
 * got wrong, never for a failed read, and requests during a failed read get
 * the last good sites.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readBucketSites, cachedBucketSites } from '../src/bucket-sites.js';
import { MANIFEST_KEY, siteKey } from '../src/bucket-layout.js';
import { ACME_SITE } from './helpers/acme-site.js';

function flakyBucket() {
  const objects = new Map<string, string>();
  const failing = new Set<string>();
  const object = (key: string) => {
    if (failing.has(key)) throw new Error(`R2 answered 503 for ${key}`);
    const text = objects.get(key);
    if (text === undefined) return null;
    return { key, size: text.length, etag: createHash('md5').update(text).digest('hex'), uploaded: new Date(), text: async () => text };
  };
  const bucket = { head: async (key: string) => object(key), get: async (key: string) => object(key) } as unknown as R2Bucket;
  return { bucket, objects, failing };
}

const silent = () => {};

describe('uploaded sites read from the bucket', () => {
  it('fails the whole read on a bucket error, so it is tried again, and leaves out only a site the upload got wrong', async () => {
    const store = flakyBucket();
    store.objects.set(MANIFEST_KEY, JSON.stringify({ sites: ['acme', 'broken'], uploadedAt: '2026-12-02T10:00:00Z' }));
    store.objects.set(siteKey('acme'), JSON.stringify({ ...ACME_SITE, catalog: { source: 'catalogs/acme/catalog.json' } }));
    store.objects.set(siteKey('broken'), '{"id": "broken"}');
    store.failing.add(siteKey('acme'));
    await expect(readBucketSites(store.bucket, silent)).rejects.toThrow(/503/);
    store.failing.clear();
    const read = await readBucketSites(store.bucket, silent);
    expect(read!.sites.map((s) => s.id)).toEqual(['acme']);
  });

  it('serves the last good sites to every request while a read fails', async () => {
    const store = flakyBucket();
    store.objects.set(MANIFEST_KEY, JSON.stringify({ sites: ['acme'], uploadedAt: '2026-12-02T10:00:00Z' }));
    store.objects.set(siteKey('acme'), JSON.stringify({ ...ACME_SITE, catalog: { source: 'catalogs/acme/catalog.json' } }));
    expect((await cachedBucketSites(store.bucket, silent))!.sites).toHaveLength(1);
    // A new upload is announced (another etag), and the bucket fails while it is read.
    store.objects.set(MANIFEST_KEY, JSON.stringify({ sites: ['acme'], uploadedAt: '2026-12-02T11:00:00Z' }));
    store.failing.add(siteKey('acme'));
    const during = await Promise.all([cachedBucketSites(store.bucket, silent, 'a-newer-upload'), cachedBucketSites(store.bucket, silent, 'a-newer-upload')]);
    expect(during.map((d) => d!.sites.map((s) => s.id))).toEqual([['acme'], ['acme']]);
  });
});
