/** The demo site from its bundled files, through the same loader as any site file. */
import { loadSite } from './load-site.js';
import { DEMO_CATALOG_KEY, DEMO_CATALOG_TEXT, DEMO_SITE_TEXT } from './demo/index.js';
import { staticCatalogs } from '../catalog/static-catalogs.js';
import type { SiteConfig } from './types.js';

export function bundledDemoSite(): SiteConfig {
  return loadSite(DEMO_SITE_TEXT, 'demo/site.json', () => DEMO_CATALOG_KEY);
}

/** The demo site and its catalog, ready for createGateway. */
export function bundledDemo() {
  const site = bundledDemoSite();
  return { sites: [site], catalogs: staticCatalogs([{ site, text: DEMO_CATALOG_TEXT }]) };
}
