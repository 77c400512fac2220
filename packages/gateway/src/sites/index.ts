import type { SiteConfig } from './types.js';
import { demoSite } from './demo/site.js';

export type { SiteConfig, Product, StorePolicies } from './types.js';

/** The sites this gateway serves, by id. A deployment adds its own here or passes them to createGateway. */
export const builtInSites: Record<string, SiteConfig> = { [demoSite.id]: demoSite };
