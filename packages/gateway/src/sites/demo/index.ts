/**
 * The demo shop's data, bundled, for runtimes that cannot read its folder
 * (a Worker) and for tests. `npm start` reads the same two files from disk
 * through the loader every retailer's site goes through.
 */
import siteFile from './site.json' with { type: 'json' };
import catalogFile from './catalog.json' with { type: 'json' };

export const DEMO_SITE_TEXT = JSON.stringify(siteFile);
export const DEMO_CATALOG_TEXT = JSON.stringify(catalogFile);
/** What the demo site's catalog source is resolved to when it is bundled. */
export const DEMO_CATALOG_KEY = 'bundled:demo/catalog.json';
