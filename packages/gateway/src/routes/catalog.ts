/**
 * Read-only catalog for product pages and cards: the same data the tools
 * search, so the assistant and the shop never disagree.
 */
import { Hono } from 'hono';
import type { SiteConfig } from '../sites/types.js';
import type { CatalogIndex } from '../tools/index.js';
import { categoryImageSvg } from '../sites/category-image.js';

function priceParam(raw: string | undefined): number | undefined | null {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function catalogRoutes(sites: Record<string, SiteConfig>, catalogs: Map<string, CatalogIndex>) {
  const app = new Hono();

  app.get('/products', (c) => {
    const siteId = c.req.query('site') ?? 'demo';
    const site = sites[siteId];
    if (!site) return c.json({ error: 'unknown_site', message: `no site "${siteId.slice(0, 64)}"` }, 404);
    const category = c.req.query('category') || undefined;
    if (category && !site.categories.some((x) => x.id === category)) {
      return c.json({ error: 'unknown_category', message: `no category "${category.slice(0, 64)}"` }, 400);
    }
    const minPrice = priceParam(c.req.query('min_price'));
    const maxPrice = priceParam(c.req.query('max_price'));
    if (minPrice === null || maxPrice === null) {
      return c.json({ error: 'invalid_price', message: 'min_price and max_price must be non-negative numbers' }, 400);
    }
    const q = (c.req.query('q') ?? '').slice(0, 200);
    const limitRaw = Number(c.req.query('limit') ?? 50);
    const limit = Number.isInteger(limitRaw) && limitRaw > 0 ? Math.min(limitRaw, 100) : 50;
    const hits = catalogs.get(site.id)!.search(q, { category, minPrice, maxPrice }, limit);
    return c.json({ site: site.id, categories: site.categories, count: hits.length, products: hits.map((h) => h.product) });
  });

  app.get('/products/:id', (c) => {
    const siteId = c.req.query('site') ?? 'demo';
    const site = sites[siteId];
    if (!site) return c.json({ error: 'unknown_site', message: `no site "${siteId.slice(0, 64)}"` }, 404);
    const product = catalogs.get(site.id)!.byId(c.req.param('id'));
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
