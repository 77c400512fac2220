/** Catalogs: the product model, feed parsing, search, and keeping a site's catalog fresh, for any runtime. */
export type { Product, Variant, Availability, ParsedCatalog, SkippedRow } from './types.js';
export type { CatalogIndex, SearchFilters, SearchHit, CategoryInfo } from './search/types.js';
export type { SiteCatalog, CatalogDirectory, CatalogStatus } from './site-catalog.js';
export { catalogOver } from './site-catalog.js';
export { parseCatalog, toContosoJson } from './feeds/index.js';
export { buildCatalogIndex } from './search/index.js';
export { startLiveCatalog, indexCatalogText, CatalogLoadError, type CatalogReader, type ReadMark, type SourceRead, type LiveCatalog } from './live-catalog.js';
export { staticCatalogs } from './static-catalogs.js';
export { fetchFeed, FeedFetchError, type FeedFetchOptions, type FeedFetchResult } from './feed-fetch.js';
export { FEED_FORMATS, type FeedFormat, type FeedOptions } from './feeds/feed-options.js';
