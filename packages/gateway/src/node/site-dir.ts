/**
 * Sites for a Node gateway: every *.json site file in a folder (SITES_DIR),
 * or the built-in demo when none is given, each with its catalog loaded and
 * kept fresh. A bad file or an unreadable catalog stops the start with the
 * file, the field and the reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import { checkUniqueIds, loadSite } from '../sites/load-site.js';
import { isUrlSource } from '../sites/site-config.js';
import { startLiveCatalog, type CatalogReader, type LiveCatalog } from '../catalog/live-catalog.js';
import type { CatalogDirectory } from '../catalog/site-catalog.js';
import { nodeCatalogReader } from './catalog-reader.js';

/** The demo shop's own folder: its site file and catalog, loaded like any retailer's. */
export const DEMO_SITE_FILE = fileURLToPath(new URL('../sites/demo/site.json', import.meta.url));

export interface LoadedSites {
  sites: SiteConfig[];
  catalogs: CatalogDirectory;
  /** Stops the catalog refresh timers. */
  stop(): void;
}

const resolverFor = (file: string) => (source: string) => (isUrlSource(source) ? source : resolve(dirname(file), source));

/** The files that some site file in the set names as its catalog: a JSON feed beside the site files is a feed, not a site. */
function namedAsCatalogs(texts: { file: string; text: string }[]): Set<string> {
  const feeds = new Set<string>();
  for (const { file, text } of texts) {
    try {
      const source = (JSON.parse(text) as { catalog?: { source?: unknown } } | null)?.catalog?.source;
      if (typeof source === 'string') feeds.add(resolverFor(file)(source));
    } catch {
      // Not JSON: validation below says so, with the file's name.
    }
  }
  return feeds;
}

/** Reads and validates site files, without loading catalogs: each site with the file it came from (feeds among them are left out). */
export function readSiteFilesWithNames(files: string[]): { site: SiteConfig; file: string }[] {
  const texts = files.map((file) => ({ file: resolve(file), text: readFileSync(file, 'utf8') }));
  const feeds = namedAsCatalogs(texts);
  const loaded = texts.filter((t) => !feeds.has(t.file)).map(({ file, text }) => ({ site: loadSite(text, file, resolverFor(file)), file }));
  checkUniqueIds(loaded);
  return loaded;
}

/** Reads and validates site files, without loading catalogs. */
export const readSiteFiles = (files: string[]): SiteConfig[] => readSiteFilesWithNames(files).map((l) => l.site);

/** The site files in a folder: every *.json, in name order. */
export function siteFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw new Error(`SITES_DIR ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  // A copy of docs/site.schema.json beside the site files is for editors, not a site.
  const files = names.filter((n) => n.endsWith('.json') && !n.endsWith('.schema.json')).sort().map((n) => join(dir, n));
  if (files.length === 0) throw new Error(`SITES_DIR ${dir} has no *.json site file`);
  return files;
}

/** Loads every site's catalog; resolves once all are ready, or rejects naming the first site whose catalog cannot be used. */
export async function openCatalogs(sites: SiteConfig[], log: Logger, read: CatalogReader = nodeCatalogReader()): Promise<LoadedSites> {
  const live = new Map<string, LiveCatalog>();
  const results = await Promise.allSettled(sites.map(async (site) => [site.id, await startLiveCatalog(site, read, log)] as const));
  for (const r of results) if (r.status === 'fulfilled') live.set(r.value[0], r.value[1]);
  const failed = results.findIndex((r) => r.status === 'rejected');
  if (failed >= 0) {
    for (const l of live.values()) l.stop();
    const site = sites[failed]!;
    throw new Error(`site "${site.id}": catalog.source: ${site.catalog.source}: ${((results[failed] as PromiseRejectedResult).reason as Error).message}`);
  }
  return {
    sites,
    catalogs: {
      catalog: (id) => live.get(id)?.catalog,
      status: async (id) => live.get(id)?.status(),
    },
    stop: () => {
      for (const l of live.values()) l.stop();
    },
  };
}

export interface SitesDirOptions {
  log: Logger;
  read?: CatalogReader;
}

/** `SITES_DIR` when given, the demo otherwise: the one path every site is loaded through. */
export async function loadSitesDir(dir: string | undefined, o: SitesDirOptions): Promise<LoadedSites> {
  const files = dir ? siteFilesIn(dir) : [DEMO_SITE_FILE];
  return openCatalogs(readSiteFiles(files), o.log, o.read);
}
