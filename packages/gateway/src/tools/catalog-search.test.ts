import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from './catalog-search.js';
import { tokenize } from './text-tokens.js';
import { demoCatalog, demoCategories } from '../sites/demo/catalog.js';

const index = buildCatalogIndex(demoCatalog);
const top = (q: string, f = {}) => index.search(q, f, 3).map((h) => h.product.id);

describe('the demo catalog', () => {
  it('has at least 40 products in at least 7 categories, each complete', () => {
    expect(demoCatalog.length).toBeGreaterThanOrEqual(40);
    expect(new Set(demoCatalog.map((p) => p.category)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(demoCatalog.map((p) => p.id)).size).toBe(demoCatalog.length);
    for (const p of demoCatalog) {
      expect(demoCategories.map((c) => c.id)).toContain(p.category);
      expect(p.price).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(40);
      expect(p.tags.length).toBeGreaterThan(2);
      expect(p.image).toMatch(/\.svg$/);
      expect(p.url).toMatch(/^\/products\/.+\.html$/);
    }
  });
});

describe('tokenize', () => {
  it('folds plurals, synonyms and counts', () => {
    expect(tokenize('A tent for four people')).toEqual(['tent', '4-person']);
    expect(tokenize('4-person family tents')).toEqual(['4-person', 'family', 'tent']);
    expect(tokenize('Four-Season boots')).toEqual(['4-season', 'boot']);
  });
});

describe('search ranking', () => {
  it('ranks by relevance across fields, not catalog order', () => {
    expect(top('tent for four people', { category: 'tents' })[0]).toBe('tent-basecamp-4');
    expect(top('ultralight solo shelter')[0]).toBe('tent-trailhead-1');
    expect(top('merino base layer')[0]).toBe('cloth-merino-base');
    expect(top('stove that burns kerosene')[0]).toBe('stove-multifuel');
    expect(top('Alpenfox')).toHaveLength(3);
    expect(index.search('Alpenfox', {}, 50).every((h) => h.product.brand === 'Alpenfox')).toBe(true);
  });

  it('a name match outweighs a description match', () => {
    const hits = index.search('lantern', {}, 5);
    expect(hits[0]!.product.id).toBe('light-glow-lantern');
  });

  it('filters by category and price', () => {
    const boots = index.search('waterproof hiking boots', { category: 'hiking-footwear', maxPrice: 150 }, 10);
    expect(boots.length).toBeGreaterThan(0);
    expect(boots.every((h) => h.product.category === 'hiking-footwear' && h.product.price <= 150)).toBe(true);
    expect(boots[0]!.matched).toContain('waterproof');
    expect(index.search('', { minPrice: 300 }, 100).every((h) => h.product.price >= 300)).toBe(true);
  });

  it('finds nothing for words the catalog does not have', () => {
    expect(index.search('quantum laptop', {}, 5)).toEqual([]);
  });
});
