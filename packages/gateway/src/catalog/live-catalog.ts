/**
 * One site's catalog, kept fresh: read once at start (a failure there stops
 * the start), then re-read on the site's schedule. A new catalog replaces the
 * old one only once it is fully indexed; a read that fails, or yields no
 * valid product, keeps the last good one and says why.
 */
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import { parseCatalog } from './feeds/index.js';
import { buildCatalogIndex } from './search/index.js';
import type { CatalogIndex } from './search/types.js';
import { catalogOver, type CatalogStatus, type SiteCatalog } from './site-catalog.js';
import type { SkippedRow } from './types.js';
import { isUrlSource } from '../sites/site-config.js';

/** What a runtime knows about a source's last read, to ask only for changes. */
export interface ReadMark {
  etag?: string;
  lastModified?: string;
  mtimeMs?: number;
}

export type SourceRead = { status: 'not-modified' } | { status: 'ok'; text: string; mark: ReadMark };

/** Reads a site's catalog source: a file, a URL, an object in a bucket, as the runtime can. */
export type CatalogReader = (site: SiteConfig, since: ReadMark | undefined) => Promise<SourceRead>;

export class CatalogLoadError extends Error {}

/** How often a file source's modification time is checked: a stat costs nothing, and a retailer who saves a feed expects it to be used. */
const FILE_CHECK_MS = 30_000;

/** Skipped rows named in one log line; the rest are counted. */
const SKIPPED_IN_LOG = 20;

export interface LiveCatalog {
  catalog: SiteCatalog;
  status(): CatalogStatus;
  /** Reads the source again now; resolves once the new catalog is in use or refused. */
  refresh(): Promise<void>;
  stop(): void;
}

export function indexCatalogText(site: SiteConfig, text: string): { index: CatalogIndex; skipped: SkippedRow[] } {
  const parsed = parseCatalog(text, { format: site.catalog.format, currency: site.catalog.currency, shopUrl: site.shopUrl });
  if (parsed.products.length === 0) {
    const why = parsed.skipped.length ? `all ${parsed.skipped.length} rows were skipped` : 'it has no products';
    throw new CatalogLoadError(`the catalog has no valid product: ${why}`);
  }
  return { index: buildCatalogIndex(parsed.products, { language: site.language }), skipped: parsed.skipped };
}

/** Loads the catalog, or throws a CatalogLoadError that says what is wrong with it. */
export async function startLiveCatalog(site: SiteConfig, read: CatalogReader, log: Logger): Promise<LiveCatalog> {
  let index: CatalogIndex;
  let mark: ReadMark | undefined;
  const state: CatalogStatus = { products: 0, categories: 0, loadedAt: null, checkedAt: null, skipped: 0 };

  async function load(): Promise<void> {
    const got = await read(site, mark);
    state.checkedAt = new Date().toISOString();
    if (got.status === 'not-modified') return;
    // Remembered before it is indexed: a version that is refused is not read and parsed again until it changes.
    mark = got.mark;
    const built = indexCatalogText(site, got.text);
    index = built.index;
    Object.assign(state, { products: built.index.size, categories: built.index.categories.length, loadedAt: state.checkedAt, skipped: built.skipped.length });
    delete state.lastError;
    log('catalog.loaded', { site: site.id, products: built.index.size, skipped: built.skipped.length });
    if (built.skipped.length) {
      const named = built.skipped.slice(0, SKIPPED_IN_LOG).map((r) => `row ${r.row}${r.id ? ` (${r.id.slice(0, 60)})` : ''}: ${r.reason}`);
      log('catalog.rows_skipped', { site: site.id, count: built.skipped.length, rows: named.join('; ') });
    }
  }

  try {
    await load();
  } catch (err) {
    throw new CatalogLoadError((err as Error).message);
  }

  let refreshing: Promise<void> | null = null;
  const refresh = () =>
    (refreshing ??= load()
      .catch((err: unknown) => {
        state.lastError = (err as Error).message;
        log('catalog.refresh_failed', { site: site.id, reason: state.lastError, kept: state.products });
      })
      .finally(() => {
        refreshing = null;
      }));
  const scheduled = site.catalog.refreshMinutes * 60_000;
  const timer = setInterval(() => void refresh(), isUrlSource(site.catalog.source) ? scheduled : Math.min(FILE_CHECK_MS, scheduled));
  (timer as { unref?: () => void }).unref?.();

  return {
    catalog: catalogOver(() => index),
    status: () => ({ ...state }),
    refresh,
    stop: () => clearInterval(timer),
  };
}
