/** The demo shop's catalog, read and searched the way every site's is. */
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../catalog/feeds/index.js';
import { buildCatalogIndex } from '../../catalog/search/index.js';
import { DEMO_CATALOG_TEXT } from './index.js';

const parsed = parseCatalog(DEMO_CATALOG_TEXT, { format: 'contoso-json' });
const catalog = parsed.products;
const index = buildCatalogIndex(catalog, { language: 'en' });
const top = (q: string, category?: string) => index.search(q, { category }, 3).map((h) => h.product.id);

describe('the demo catalog', () => {
  it('has at least 40 products in at least 7 categories, each complete, and no skipped row', () => {
    expect(parsed.skipped).toEqual([]);
    expect(catalog.length).toBeGreaterThanOrEqual(40);
    expect(index.categories.length).toBeGreaterThanOrEqual(7);
    expect(new Set(catalog.map((p) => p.id)).size).toBe(catalog.length);
    for (const p of catalog) {
      expect(p.name && p.brand && p.description && p.image).toBeTruthy();
      expect(p.price).toBeGreaterThan(0);
      expect(p.categoryPath).toHaveLength(1);
      expect(p.url).toMatch(/^\/products\/.+\.html$/);
    }
  });
});

describe('searching the demo catalog', () => {
  it('ranks by relevance across fields, not catalog order', () => {
    expect(top('tent for four people', 'tents')[0]).toBe('tent-basecamp-4');
    expect(top('ultralight solo shelter')[0]).toBe('tent-trailhead-1');
    expect(top('merino base layer')[0]).toBe('cloth-merino-base');
    expect(top('stove that burns kerosene')[0]).toBe('stove-multifuel');
    expect(index.search('Alpenfox', {}, 50).length).toBeGreaterThan(0);
    expect(index.search('Alpenfox', {}, 50).every((h) => h.product.brand === 'Alpenfox')).toBe(true);
  });

  it('a name match outweighs a description match', () => {
    expect(top('lantern')[0]).toBe('light-glow-lantern');
  });

  it('filters by category, by id or by name, and by price', () => {
    const boots = index.search('waterproof hiking boots', { category: index.resolveCategory('Hiking footwear'), maxPrice: 150 }, 10);
    expect(boots.length).toBeGreaterThan(0);
    expect(boots.every((h) => h.product.categoryPath[0] === 'Hiking footwear' && h.product.price <= 150)).toBe(true);
    expect(index.resolveCategory('hiking-footwear')).toBe(index.resolveCategory('HIKING FOOTWEAR'));
    expect(index.search('', { minPrice: 300 }, 100).every((h) => h.product.price >= 300)).toBe(true);
  });

  it('finds nothing for words the catalog does not have', () => {
    expect(index.search('quantum laptop', {}, 5)).toEqual([]);
  });
});
