/**
 * A Durable Object per uploaded site, named by its id, that holds the site's
 * catalog index, so that the front and every session host search the one
 * index built once, not one per isolate. It answers the small JSON requests
 * remoteCatalogs makes.
 */
import type { SiteCatalog } from '@contoso-voice/gateway/catalog';
import { bucketCatalogReader } from './bucket-catalog-reader.js';
import { bucketSiteReader } from './bucket-sites.js';
import { catalogKeeper, CatalogUnavailable, type CatalogKeeper } from './catalog-keeper.js';
import { CATALOG_METHODS, CATALOG_SITE_HEADER, CATALOG_UPLOAD_HEADER, type CatalogMethod } from './remote-catalogs.js';
import { workerLog as log, type WorkerEnv } from './gateway-config.js';

type Call = (catalog: SiteCatalog, args: unknown[]) => Promise<unknown>;
const CALLS: Record<Exclude<CatalogMethod, 'status'>, Call> = {
  search: (c, [query, filters, limit]) => c.search(String(query ?? ''), (filters ?? undefined) as never, typeof limit === 'number' ? limit : undefined),
  byId: async (c, [id]) => (await c.byId(String(id))) ?? null,
  categories: (c) => c.categories(),
  resolveCategory: async (c, [nameOrId]) => (await c.resolveCategory(String(nameOrId))) ?? null,
};

export class CatalogHost {
  private keeper: CatalogKeeper | null = null;

  constructor(
    _state: DurableObjectState,
    private env: WorkerEnv,
  ) {}

  private keeperFor(siteId: string): CatalogKeeper {
    const bucket = this.env.SITES;
    if (!bucket) throw new CatalogUnavailable('the Worker has no SITES bucket bound');
    return (this.keeper ??= catalogKeeper({ siteId, readSite: bucketSiteReader(bucket, siteId), readCatalog: bucketCatalogReader(bucket), log }));
  }

  async fetch(request: Request): Promise<Response> {
    const method = new URL(request.url).pathname.slice(1) as CatalogMethod;
    const siteId = request.headers.get(CATALOG_SITE_HEADER);
    if (!CATALOG_METHODS.includes(method) || !siteId) return Response.json({ message: 'not a catalog request' }, { status: 404 });
    try {
      const keeper = this.keeperFor(siteId);
      const upload = request.headers.get(CATALOG_UPLOAD_HEADER) ?? undefined;
      if (method === 'status') {
        // A catalog that cannot be loaded still has a status: what went wrong.
        if (await this.firstBuild(keeper).catch(() => null)) void keeper.refreshIfDue(upload);
        return Response.json({ result: keeper.status() });
      }
      const args = (await request.json()) as unknown[];
      const catalog = await this.firstBuild(keeper);
      // The answer comes from the index in hand; a due re-read swaps in a new one when it is ready.
      void keeper.refreshIfDue(upload);
      return Response.json({ result: await CALLS[method](catalog, Array.isArray(args) ? args : []) });
    } catch (err) {
      const status = err instanceof CatalogUnavailable ? 503 : 500;
      return Response.json({ message: (err as Error).message }, { status });
    }
  }

  /**
   * Concurrent first requests wait for one build. A failure is caught inside:
   * a callback that throws would reset the object.
   */
  /**
   * Concurrent first requests share the keeper's one build. The input gate is
   * not held for it: a Durable Object is reset when blockConcurrencyWhile runs
   * past 30 s, and a slow feed may take longer than that.
   */
  private firstBuild(keeper: CatalogKeeper): Promise<SiteCatalog> {
    return keeper.catalog();
  }
}
