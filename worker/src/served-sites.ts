/**
 * Which sites a Worker serves: what was uploaded to the SITES bucket, each
 * with its catalog in a CatalogHost; or, with no bucket or nothing uploaded,
 * the bundled demo with its small catalog indexed in the isolate.
 */
import { bundledDemo, type SiteConfig } from '@contoso-voice/gateway/sites';
import type { CatalogDirectory } from '@contoso-voice/gateway/catalog';
import type { Logger } from '@contoso-voice/gateway/log';
import { cachedBucketSites } from './bucket-sites.js';
import { remoteCatalogs } from './remote-catalogs.js';

export interface ServedSites {
  /** What identifies this set: the manifest's etag, or the demo's fixed key. */
  key: string;
  sites: SiteConfig[];
  catalogs: CatalogDirectory;
}

export const DEMO_KEY = 'bundled-demo';

/** Indexed once per isolate: it never changes. */
let demo: ReturnType<typeof bundledDemo> | null = null;

export interface SitesBindings {
  SITES?: R2Bucket;
  CATALOGS?: DurableObjectNamespace;
}

/** `expectKey`: the set a caller knows exists (see cachedBucketSites). */
export async function servedSites(env: SitesBindings, log: Logger, expectKey?: string): Promise<ServedSites> {
  // Uploaded sites need both bindings: the bucket to read them from, the hosts to keep their catalogs.
  const uploaded = env.SITES && env.CATALOGS ? await cachedBucketSites(env.SITES, log, expectKey === DEMO_KEY ? undefined : expectKey) : null;
  if (uploaded && env.CATALOGS) {
    return { key: uploaded.etag, sites: uploaded.sites, catalogs: remoteCatalogs(env.CATALOGS, uploaded.sites.map((s) => s.id), uploaded.etag) };
  }
  demo ??= bundledDemo();
  return { key: DEMO_KEY, ...demo };
}
