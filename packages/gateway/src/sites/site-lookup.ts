/**
 * Sites by id, without prototype lookups (`site=__proto__` is just an
 * unknown site). A request that names no site gets the gateway's only site,
 * when it has exactly one.
 */
import type { SiteConfig } from './types.js';

export interface SiteLookup {
  get(id: string | undefined): SiteConfig | undefined;
  all(): SiteConfig[];
}

export function siteLookup(sites: SiteConfig[]): SiteLookup {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const only = sites.length === 1 ? sites[0] : undefined;
  return {
    get: (id) => (id === undefined ? only : byId.get(id)),
    all: () => [...byId.values()],
  };
}

/** The 404 body for a request that names no site, or one this gateway does not serve. */
export const unknownSite = (siteId: string | undefined) =>
  ({ error: 'unknown_site', message: siteId === undefined ? 'name the site: ?site=ID' : `no site "${siteId.slice(0, 64)}"` }) as const;
