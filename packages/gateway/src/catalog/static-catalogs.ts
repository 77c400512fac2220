/**
 * Catalogs built once from text already in hand (a bundled demo, a test,
 * a developer's own launcher), with no refresh.
 */
import type { SiteConfig } from '../sites/types.js';
import { indexCatalogText } from './live-catalog.js';
import { catalogOver, type CatalogDirectory, type CatalogStatus } from './site-catalog.js';

export function staticCatalogs(entries: { site: SiteConfig; text: string }[]): CatalogDirectory {
  const byId = new Map(
    entries.map(({ site, text }) => {
      const { index, skipped } = indexCatalogText(site, text);
      const at = new Date().toISOString();
      const status: CatalogStatus = { products: index.size, categories: index.categories.length, loadedAt: at, checkedAt: at, skipped: skipped.length };
      return [site.id, { catalog: catalogOver(() => index), status }] as const;
    }),
  );
  return {
    catalog: (id) => byId.get(id)?.catalog,
    status: async (id) => byId.get(id)?.status,
  };
}
