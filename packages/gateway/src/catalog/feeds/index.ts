/** Retailers' product feeds (Google Merchant XML/TSV, CSV, Shopify products.json, our JSON) read into the catalog model. */
export { parseCatalog } from './parse-catalog.js';
export { detectFormat } from './detect-format.js';
export { FeedError } from './feed-error.js';
export { FEED_FORMATS, type FeedFormat, type FeedOptions, type ParseContext } from './feed-options.js';
export { contosoCatalogJsonSchema, contosoCatalogSchema, contosoProductSchema, contosoVariantSchema, type ContosoProduct } from './contoso-json-schema.js';
export { BOUNDS, MAX_ROWS } from './field-bounds.js';
export { toContosoJson } from './contoso-json-writer.js';
