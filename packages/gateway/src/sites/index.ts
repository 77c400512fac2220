/** Sites as data: site files, their validation and the demo, for any runtime. */
export type { SiteConfig, SiteAccess, CatalogSource, StorePolicies } from './types.js';
export { parseSiteFile, siteFileSchema, siteJsonSchema, SiteFileError, type SiteFile } from './site-file.js';
export { siteFromFile, isUrlSource, SITE_DEFAULTS } from './site-config.js';
export { loadSite, checkUniqueIds } from './load-site.js';
export { siteLookup, type SiteLookup } from './site-lookup.js';
export { assistantInstructions } from './assistant-instructions.js';
export { refuseLoopbackOrigins, ALLOW_LOOPBACK_SWITCH } from './dev-origins.js';
export { bundledDemo, bundledDemoSite } from './demo-site.js';
