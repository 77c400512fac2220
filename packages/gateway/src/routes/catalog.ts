/**
 * Read-only catalog for product pages and cards: the same data the tools
 * search, so the assistant and the shop never disagree.
 */
import { Hono } from 'hono';
import { unknownSite, type SiteLookup } from '../sites/site-lookup.js';
import type { CatalogDirectory } from '../catalog/site-catalog.js';
import { categoryImageSvg } from '../sites/category-image.js';

function priceParam(raw: string | undefined): number | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function catalogRoutes(sites: SiteLookup, catalogs: CatalogDirectory) {
  const app = new Hono();

  const siteCatalog = (siteId: string | undefined) => {
    const site = sites.get(siteId);
    return site ? { site, catalog: catalogs.catalog(site.id)! } : null;
  };

  app.get('/products', async (c) => {
    const found = siteCatalog(c.req.query('site'));
    if (!found) return c.json(unknownSite(c.req.query('site')), 404);
    const { site, catalog } = found;
    const asked = c.req.query('category') || undefined;
    const category = asked ? await catalog.resolveCategory(asked.slice(0, 200)) : undefined;
    if (asked && !category) return c.json({ error: 'unknown_category', message: `no category "${asked.slice(0, 64)}"` }, 400);
    const minPrice = priceParam(c.req.query('min_price'));
    const maxPrice = priceParam(c.req.query('max_price'));
    if (minPrice === null || maxPrice === null) {
      return c.json({ error: 'invalid_price', message: 'min_price and max_price must be non-negative numbers' }, 400);
    }
    const availability = c.req.query('availability') ?? 'buyable';
    if (availability !== 'buyable' && availability !== 'any') {
      return c.json({ error: 'invalid_availability', message: 'availability must be "buyable" (the default) or "any"' }, 400);
    }
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const limitRaw = Number(c.req.query('limit') ?? 50);
    const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, 100) : 50;
    const hits = await catalog.search(q, { category, minPrice, maxPrice, includeSoldOut: availability === 'any' }, limit);
    return c.json({ site: site.id, categories: await catalog.categories(), count: hits.length, products: hits.map((h) => h.product) });
  });

  app.get('/products/:id', async (c) => {
    const found = siteCatalog(c.req.query('site'));
    if (!found) return c.json(unknownSite(c.req.query('site')), 404);
    const product = await found.catalog.byId(c.req.param('id'));
    return product ? c.json(product) : c.json({ error: 'not_found', message: 'no such product' }, 404);
  });

  app.get('/images/:file', (c) => {
    const match = /^([a-z0-9-]{1,40})\.svg$/.exec(c.req.param('file'));
    const svg = match && categoryImageSvg(match[1]!);
    if (!svg) return c.json({ error: 'not_found', message: 'no such image' }, 404);
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' });
  });

  return app;
}
