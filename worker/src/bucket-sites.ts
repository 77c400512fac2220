/**
 * Sites as uploaded to the SITES bucket: the manifest and each site file it
 * names, validated by the same loader as on Node. Catalog sources are kept as
 * they are (bucket keys or https URLs); the CatalogHost reads them.
 */
import { loadSite, SiteFileError, type SiteConfig } from '@contoso-voice/gateway/sites';
import type { Logger } from '@contoso-voice/gateway/log';
import { MANIFEST_KEY, parseManifest, siteKey } from './bucket-layout.js';
import type { SiteReader } from './catalog-keeper.js';

export interface BucketSites {
  /** The manifest's etag: a new upload, a new set of sites. */
  etag: string;
  sites: SiteConfig[];
}

const keepSource = (source: string) => source;

/** What the upload itself got wrong: the site stays out until the next upload. Anything else (R2 failing) fails the whole read, so it is tried again. */
class UploadProblem extends Error {}

/** The uploaded sites, or null when nothing was uploaded. A site file that does not load is left out, with the reason logged. */
export async function readBucketSites(bucket: R2Bucket, log: Logger): Promise<BucketSites | null> {
  const manifest = await bucket.get(MANIFEST_KEY);
  if (!manifest) return null;
  const { sites: ids } = parseManifest(await manifest.text());
  const sites = await Promise.all(
    ids.map(async (id) => {
      try {
        const object = await bucket.get(siteKey(id));
        if (!object) throw new UploadProblem(`${MANIFEST_KEY} names it but there is no ${siteKey(id)}`);
        const site = loadSite(await object.text(), siteKey(id), keepSource);
        if (site.id !== id) throw new UploadProblem(`${siteKey(id)} has the id "${site.id}"`);
        return site;
      } catch (err) {
        if (!(err instanceof UploadProblem || err instanceof SiteFileError)) throw err;
        log('site.refused', { site: id, reason: err.message });
        return null;
      }
    }),
  );
  return { etag: manifest.etag, sites: sites.filter((s): s is SiteConfig => s !== null) };
}

/** How long an isolate trusts what it read; an upload shows within this, everywhere. */
export const SITES_CACHE_MS = 30_000;

let cached: { at: number; read: Promise<BucketSites | null> } | null = null;

/**
 * readBucketSites, cached per isolate. `expectEtag` is the manifest version a
 * caller knows to exist (a session host, from the front that admitted its
 * socket): a cache that is older than that is read again.
 */
export async function cachedBucketSites(bucket: R2Bucket, log: Logger, expectEtag?: string): Promise<BucketSites | null> {
  const fresh = cached && Date.now() - cached.at < SITES_CACHE_MS ? await cached.read : undefined;
  if (fresh !== undefined && (!expectEtag || fresh?.etag === expectEtag)) return fresh;
  // Every upload writes a new manifest, so an unchanged one means unchanged sites: a head request, not a read of every site file.
  const kept = cached ? await cached.read.catch(() => null) : null;
  // A bucket that fails for a moment does not take the sites down: the last good read serves, and a later request tries again.
  const keepOr = (err: unknown): BucketSites | null => {
    log('sites.read_failed', { reason: (err as Error).message, kept: kept?.sites.length ?? 0 });
    if (kept) return kept;
    throw err;
  };
  try {
    if (kept && (!expectEtag || kept.etag === expectEtag) && (await bucket.head(MANIFEST_KEY))?.etag === kept.etag) {
      cached = { at: Date.now(), read: Promise.resolve(kept) };
      return kept;
    }
  } catch (err) {
    return keepOr(err);
  }
  const read = readBucketSites(bucket, log);
  // Requests arriving while this read runs wait for it, and get the last good sites if it fails.
  const shared = read.catch(() => {
    if (kept) return kept;
    cached = null;
    return read;
  });
  void shared.catch(() => undefined); // its failure is reported to the request that started it
  cached = { at: Date.now(), read: shared };
  try {
    return await read;
  } catch (err) {
    return keepOr(err);
  }
}

/** One site file, for the site's CatalogHost, asking only whether it changed when it has a version. */
export function bucketSiteReader(bucket: R2Bucket, siteId: string): SiteReader {
  const key = siteKey(siteId);
  return async (since) => {
    if (since) {
      const head = await bucket.head(key);
      if (head?.etag === since) return 'unchanged';
    }
    const object = await bucket.get(key);
    if (!object) throw new Error(`no ${key} in the sites bucket`);
    return { site: loadSite(await object.text(), key, keepSource), etag: object.etag };
  };
}
