/**
 * A site's catalog as a Worker reads it: an object in the SITES bucket,
 * asked first for its etag so an unchanged feed costs a head request, or an
 * https feed fetched with the gateway's limits and a conditional request.
 */
import { fetchFeed, type CatalogReader } from '@contoso-voice/gateway/catalog';
import { isUrlSource } from '@contoso-voice/gateway/sites';

/** How long one feed fetch may take, as on Node. */
const FEED_TIMEOUT_MS = 60_000;

export function bucketCatalogReader(bucket: R2Bucket): CatalogReader {
  return async (site, since) => {
    const { source, maxBytes } = site.catalog;
    if (isUrlSource(source)) {
      // Workers cannot reach private addresses, and have no DNS API to check names with; the literal and loopback checks still apply.
      const got = await fetchFeed(source, { maxBytes, timeoutMs: FEED_TIMEOUT_MS, allowPrivate: false, etag: since?.etag, lastModified: since?.lastModified });
      return got.status === 'ok' ? { status: 'ok', text: got.text, mark: { etag: got.etag, lastModified: got.lastModified } } : got;
    }
    if (since?.etag) {
      const head = await bucket.head(source);
      if (head?.etag === since.etag) return { status: 'not-modified' };
    }
    const object = await bucket.get(source);
    if (!object) throw new Error(`no object ${source} in the sites bucket (upload the site again)`);
    if (object.size > maxBytes) throw new Error(`${source} is ${object.size} bytes, over the ${maxBytes}-byte limit (catalog.maxMegabytes)`);
    return { status: 'ok', text: await object.text(), mark: { etag: object.etag } };
  };
}
