/**
 * One site's catalog index as a CatalogHost keeps it: built on the first
 * request, then re-read when a request comes after the site's refreshMinutes
 * (a Durable Object has no timer that outlives its eviction, and a catalog
 * nobody asks for need not be fresh). A changed site file rebuilds with the
 * new settings; an unchanged one asks the source for changes only. A failed
 * or empty read keeps the last good index and says why.
 */
import { startLiveCatalog, type CatalogReader, type CatalogStatus, type LiveCatalog, type SiteCatalog } from '@contoso-voice/gateway/catalog';
import type { SiteConfig } from '@contoso-voice/gateway/sites';
import type { Logger } from '@contoso-voice/gateway/log';

/** A site file as read from the bucket, with what identifies this version of it. */
export interface SiteVersion {
  site: SiteConfig;
  etag: string;
}

/** Reads the site file; 'unchanged' when its etag is still `since`. */
export type SiteReader = (since: string | undefined) => Promise<SiteVersion | 'unchanged'>;

export interface CatalogKeeperOptions {
  siteId: string;
  readSite: SiteReader;
  readCatalog: CatalogReader;
  log: Logger;
  now?: () => number;
  /** After a first build failed, how long requests are refused before the next try, so a broken feed is not re-read per request. */
  retryMs?: number;
}

export class CatalogUnavailable extends Error {}

export interface CatalogKeeper {
  /** The catalog, built if it is not yet; throws CatalogUnavailable while there has never been a good read. */
  catalog(): Promise<SiteCatalog>;
  status(): CatalogStatus;
  /**
   * Starts a background re-read when one is due: refreshMinutes after the
   * last check, or at once when `upload` (the manifest version the caller
   * serves) differs from the one seen before. The promise settles when it is done.
   */
  refreshIfDue(upload?: string): Promise<void> | null;
}

export function catalogKeeper(o: CatalogKeeperOptions): CatalogKeeper {
  const now = o.now ?? Date.now;
  const retryMs = o.retryMs ?? 30_000;
  let live: LiveCatalog | null = null;
  let version: SiteVersion | null = null;
  let lastCheck = 0;
  let lastError: string | undefined;
  let building: Promise<void> | null = null;
  let refreshing: Promise<void> | null = null;
  let seenUpload: string | undefined;

  async function start(site: SiteConfig): Promise<LiveCatalog> {
    const began = now();
    let read = began;
    const next = await startLiveCatalog(site, async (s, since) => o.readCatalog(s, since).finally(() => (read = now())), o.log);
    next.stop(); // re-read on requests instead
    o.log('catalog.indexed', { site: site.id, products: next.status().products, readMs: read - began, indexMs: now() - read });
    return next;
  }

  async function build(): Promise<void> {
    lastCheck = now();
    try {
      const read = await o.readSite(undefined);
      if (read === 'unchanged') throw new Error('the site file was reported unchanged before it was read');
      live = await start(read.site);
      version = read;
      lastError = undefined;
    } catch (err) {
      lastError = (err as Error).message;
      o.log('catalog.load_failed', { site: o.siteId, reason: lastError });
    }
  }

  async function reread(): Promise<void> {
    const read = await o.readSite(version!.etag);
    if (read === 'unchanged') {
      await live!.refresh(); // keeps the last good index and records why on failure
      return;
    }
    const next = await start(read.site);
    live!.stop();
    live = next;
    version = read;
  }

  return {
    async catalog() {
      if (!live && !building && now() - lastCheck >= retryMs) building = build().finally(() => (building = null));
      if (building) await building;
      if (!live) throw new CatalogUnavailable(`the catalog of site "${o.siteId}" could not be loaded: ${lastError ?? 'not yet read'}`);
      return live.catalog;
    },
    status() {
      if (!live) {
        const at = lastCheck ? new Date(lastCheck).toISOString() : null;
        return { products: 0, categories: 0, loadedAt: null, checkedAt: at, skipped: 0, ...(lastError ? { lastError } : {}) };
      }
      const status = live.status();
      return lastError ? { ...status, lastError } : status;
    },
    refreshIfDue(upload) {
      if (!live || !version || refreshing) return refreshing;
      const newUpload = upload !== undefined && seenUpload !== undefined && upload !== seenUpload;
      if (upload !== undefined) seenUpload = upload;
      if (!newUpload && now() - lastCheck < version.site.catalog.refreshMinutes * 60_000) return null;
      lastCheck = now();
      refreshing = reread()
        .then(() => (lastError = undefined))
        .catch((err: unknown) => {
          lastError = (err as Error).message;
          o.log('catalog.refresh_failed', { site: o.siteId, reason: lastError, kept: live?.status().products ?? 0 });
        })
        .finally(() => (refreshing = null));
      return refreshing;
    },
  };
}
