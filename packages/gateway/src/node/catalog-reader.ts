/** Node's catalog reader: a file by modification time, or a URL with conditional requests and the fetch limits. */
import { readFile, stat } from 'node:fs/promises';
import { lookup } from 'node:dns/promises';
import { fetchFeed } from '../catalog/feed-fetch.js';
import { publicOnlyFetch } from './guarded-fetch.js';
import type { CatalogReader } from '../catalog/live-catalog.js';
import { isUrlSource } from '../sites/site-config.js';

export interface NodeCatalogReaderOptions {
  /** CATALOG_FETCH_PRIVATE=on: feeds on loopback and private addresses, and over plain http. */
  allowPrivate?: boolean;
  timeoutMs?: number;
}

export function nodeCatalogReader(o: NodeCatalogReaderOptions = {}): CatalogReader {
  return async (site, since) => {
    const { source, maxBytes } = site.catalog;
    if (isUrlSource(source)) {
      const got = await fetchFeed(source, {
        maxBytes,
        timeoutMs: o.timeoutMs ?? 60_000,
        allowPrivate: o.allowPrivate ?? false,
        resolveHost: async (host) => (await lookup(host, { all: true })).map((a) => a.address),
        // The check above refuses early with a clear reason; this one holds at connect time, whatever DNS answers then.
        fetch: o.allowPrivate ? undefined : publicOnlyFetch,
        etag: since?.etag,
        lastModified: since?.lastModified,
      });
      return got.status === 'ok' ? { status: 'ok', text: got.text, mark: { etag: got.etag, lastModified: got.lastModified } } : got;
    }
    const info = await stat(source).catch((err: NodeJS.ErrnoException) => {
      throw new Error(err.code === 'ENOENT' ? `no file ${source}` : `cannot read ${source} (${err.code ?? err.message})`);
    });
    if (since?.mtimeMs === info.mtimeMs) return { status: 'not-modified' };
    if (info.size > maxBytes) throw new Error(`${source} is ${info.size} bytes, over the ${maxBytes}-byte limit (catalog.maxMegabytes)`);
    return { status: 'ok', text: await readFile(source, 'utf8'), mark: { mtimeMs: info.mtimeMs } };
  };
}
