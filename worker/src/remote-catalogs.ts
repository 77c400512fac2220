/**
 * The catalogs of uploaded sites, as the front and the session hosts reach
 * them: each site's index lives in its own CatalogHost, built once there,
 * and every call is a small JSON request to it.
 */
import type { CatalogDirectory, CatalogStatus, SiteCatalog } from '@contoso-voice/gateway/catalog';

/** The header that tells a CatalogHost which site it is: idFromName gives it no name to read. */
export const CATALOG_SITE_HEADER = 'x-contoso-catalog-site';
/** The upload (manifest version) the caller serves: a new one tells the host to re-read now. */
export const CATALOG_UPLOAD_HEADER = 'x-contoso-catalog-upload';

export const CATALOG_METHODS = ['search', 'byId', 'categories', 'resolveCategory', 'status'] as const;
export type CatalogMethod = (typeof CATALOG_METHODS)[number];

export function remoteCatalogs(namespace: DurableObjectNamespace, siteIds: string[], upload: string): CatalogDirectory {
  async function call<T>(siteId: string, method: CatalogMethod, args: unknown[] = []): Promise<T> {
    const stub = namespace.get(namespace.idFromName(siteId));
    const res = await stub.fetch(`https://catalog/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CATALOG_SITE_HEADER]: siteId, [CATALOG_UPLOAD_HEADER]: upload },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { result?: T; message?: string };
    if (!res.ok) throw new Error(body.message ?? `the catalog of site "${siteId}" answered HTTP ${res.status}`);
    return body.result as T;
  }
  const catalogs = new Map(
    siteIds.map((id): [string, SiteCatalog] => [
      id,
      {
        search: (query, filters, limit) => call(id, 'search', [query, filters, limit]),
        byId: async (productId) => (await call(id, 'byId', [productId])) ?? undefined,
        categories: () => call(id, 'categories'),
        resolveCategory: async (nameOrId) => (await call(id, 'resolveCategory', [nameOrId])) ?? undefined,
      },
    ]),
  );
  return {
    catalog: (id) => catalogs.get(id),
    status: async (id) => (catalogs.has(id) ? call<CatalogStatus>(id, 'status') : undefined),
  };
}
