/**
 * What tools and the catalog endpoint use to reach one site's products. It
 * is asynchronous so that a runtime may keep the index elsewhere (a Worker
 * keeps one per site in a Durable Object) while Node keeps it in memory.
 */
import type { Product } from './types.js';
import type { CatalogIndex, CategoryInfo, SearchFilters, SearchHit } from './search/types.js';

export interface SiteCatalog {
  search(query: string, filters?: SearchFilters, limit?: number): Promise<SearchHit[]>;
  byId(id: string): Promise<Product | undefined>;
  categories(): Promise<CategoryInfo[]>;
  /** A category id for an id or the retailer's name; undefined when the catalog has no such category. */
  resolveCategory(nameOrId: string): Promise<string | undefined>;
}

export interface CatalogStatus {
  products: number;
  categories: number;
  /** When the catalog in use was read; null before the first good read. */
  loadedAt: string | null;
  /** When the source was last asked for changes. */
  checkedAt: string | null;
  /** Rows the last read skipped. */
  skipped: number;
  /** Why the last read was not used, when it was not. */
  lastError?: string;
}

/** The catalogs of every site a gateway serves. */
export interface CatalogDirectory {
  catalog(siteId: string): SiteCatalog | undefined;
  status(siteId: string): Promise<CatalogStatus | undefined>;
}

/** A SiteCatalog over whatever index `current()` gives now, so a refresh takes effect at the next call. */
export function catalogOver(current: () => CatalogIndex): SiteCatalog {
  return {
    search: async (query, filters, limit) => current().search(query, filters, limit),
    byId: async (id) => current().byId(id),
    categories: async () => current().categories,
    resolveCategory: async (nameOrId) => current().resolveCategory(nameOrId),
  };
}
