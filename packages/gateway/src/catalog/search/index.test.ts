import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from './index.js';
import { generateCatalog } from '../../../test/helpers/catalog-generator.js';
import { product } from '../../../test/helpers/product-fixture.js';
import type { Product } from '../types.js';
import { parseCatalog } from '../feeds/index.js';
import { toMerchantXml } from '../../../test/helpers/feed-writers.js';

/**
 * Fixtures among generated filler, so ranking happens against realistic
 * competition; the filler's own fixed names and lights are left out so that
 * the fixtures' expectations are exact.
 */
const filler = generateCatalog({ count: 400, seed: 11, shop: 'bikes' })
  .slice(10)
  .filter((p) => !p.categoryPath.includes('Lights'))
  .map((p) => ({ ...p, id: `filler-${p.id}` }));
const ids = (hits: { product: Product }[]) => hits.map((h) => h.product.id);

const fixtures: Product[] = [
  product('velo', 'Vélo Léger', { categoryPath: ['Bikes', 'Road bikes'], price: 1200 }),
  product('jacket', 'Regenjacke für Radfahrer', { categoryPath: ['Clothing', 'Jackets'], price: 89 }),
  product('fur-hat', 'Fur Trapper Hat', { categoryPath: ['Clothing', 'Hats'], price: 30 }),
  product('tent', '4-Person Tent Zephyr', { categoryPath: ['Camping', 'Tents'], price: 320 }),
  product('kettle-name', 'Kettlebell Pro', { description: 'Cast iron, 12 kg.', price: 60 }),
  product('kettle-desc', 'Gym Mat Basic', { description: 'Pairs well with a kettlebell workout.', price: 25 }),
  product('brand-hit', 'Everyday Bottle', { brand: 'Quokka', price: 12 }),
  product('desc-brand', 'Water Flask', { description: 'Like the quokka bottles, but cheaper.', price: 11 }),
  product('gone', 'Thunderbolt Lamp', { availability: 'out_of_stock', categoryPath: ['Lights', 'Front lights'], price: 45 }),
  product('gone-too', 'Thunderbolt Lamp Mini', { availability: 'out_of_stock', categoryPath: ['Lights', 'Front lights'], price: 35 }),
  product('pre', 'Thunderbolt Beacon', { availability: 'preorder', categoryPath: ['Lights', 'Rear lights'], price: 40 }),
  product('back', 'Thunderbolt Flare', { availability: 'backorder', categoryPath: ['Lights', 'Rear lights'], price: 41 }),
  product('shirt', 'Trail Shirt', {
    categoryPath: ['Clothing', 'Jerseys'],
    price: 40,
    variants: [
      { id: 'shirt-b-m', options: { color: 'Blue', size: 'M' }, price: 40, availability: 'in_stock' },
      { id: 'shirt-r-l', options: { color: 'Red', size: 'L' }, price: 42, availability: 'out_of_stock' },
    ],
  }),
];
const index = buildCatalogIndex([...fixtures, ...filler]);
const top = (query: string, filters = {}, limit = 5) => ids(index.search(query, filters, limit));

describe('accent and case folding', () => {
  it('finds an accented name from a plain query and the other way round', () => {
    expect(top('velo leger')[0]).toBe('velo');
    expect(top('VÉLO LÉGER')[0]).toBe('velo');
    expect(top('fur radfahrer')[0]).toBe('jacket');
    expect(top('für trapper hat')[0]).toBe('fur-hat');
  });
});

describe('prefix and typos', () => {
  it('completes the last word', () => {
    expect(top('kettleb')).toContain('kettle-name');
    expect(top('thunderb')).toContain('pre');
  });
  it('tolerates one typo in a word of five letters or more', () => {
    expect(top('kettlebel pro')[0]).toBe('kettle-name');
    expect(top('thundrebolt beacon')[0]).toBe('pre');
    expect(top('zephyt tent')[0]).toBe('tent');
  });
  it('does not stretch short words or two typos', () => {
    expect(top('xat')).toEqual([]);
    expect(top('kxttlebxll')).toEqual([]);
    // A swap of neighbours is one typo.
    expect(top('kettlbeell')[0]).toBe('kettle-name');
  });
});

describe('field weights', () => {
  it('ranks a name match above a description-only match', () => {
    const order = top('kettlebell', {}, 10);
    expect(order.indexOf('kettle-name')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('kettle-name')).toBeLessThan(order.indexOf('kettle-desc'));
  });
  it('ranks a brand match above a description-only match', () => {
    expect(top('quokka', {}, 10).slice(0, 2)).toEqual(['brand-hit', 'desc-brand']);
  });
});

describe('variant options and counts', () => {
  it('finds a product by a variant colour and a spoken size', () => {
    expect(top('blue shirt')[0]).toBe('shirt');
    expect(top('trail shirt medium')[0]).toBe('shirt');
  });
  it('reads number words as digits and joins counts to their unit', () => {
    expect(top('tent for four people')[0]).toBe('tent');
    expect(top('4 person tent')[0]).toBe('tent');
  });
  it('reports the words a product matched as the shopper wrote them', () => {
    const [hit] = index.search('Kettlebell Pro please', {}, 1);
    expect(hit?.matched).toEqual(['Kettlebell', 'Pro']);
  });
});

describe('filters', () => {
  it('filters by category id or name at any level, folded', () => {
    expect(top('thunderbolt', { category: 'rear-lights' }).sort()).toEqual(['back', 'pre']);
    expect(top('thunderbolt', { category: 'Rear Lights' }).sort()).toEqual(['back', 'pre']);
    expect(top('thunderbolt', { category: 'LIGHTS' }).sort()).toEqual(['back', 'pre']);
    expect(top('velo', { category: 'road bike' })).toEqual(['velo']);
    expect(top('velo', { category: 'no such aisle' })).toEqual([]);
  });
  it('filters by current price', () => {
    expect(top('thunderbolt', { minPrice: 40.5 })).toEqual(['back']);
    expect(top('thunderbolt', { maxPrice: 40 })).toEqual(['pre']);
    expect(top('thunderbolt', { minPrice: 50, maxPrice: 10 })).toEqual([]);
  });
  it('lists filtered products cheapest first for an empty query', () => {
    const hits = index.search('', { category: 'Rear lights' }, 10);
    expect(ids(hits)).toEqual(['pre', 'back']);
    const cheap = index.search('  ', { maxPrice: 12 }, 50);
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.map((h) => h.product.price)).toEqual([...cheap.map((h) => h.product.price)].sort((a, b) => a - b));
    expect(cheap.every((h) => h.product.price <= 12 && h.product.availability !== 'out_of_stock')).toBe(true);
  });
  it('lists every buyable product for an empty query, and nothing for one of only punctuation or emoji', () => {
    const all = index.search('', {}, 100);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((h) => h.product.availability !== 'out_of_stock')).toBe(true);
    expect(top('?!… ...')).toEqual([]);
    expect(top('🚲🚲')).toEqual([]);
  });
});

describe('sold-out products', () => {
  it('are left out, while preorder and backorder count as buyable', () => {
    const found = top('thunderbolt', {}, 10);
    expect(found).toEqual(expect.arrayContaining(['pre', 'back']));
    expect(found).not.toContain('gone');
    expect(found).not.toContain('gone-too');
  });
  it('are included on request', () => {
    expect(top('thunderbolt', { includeSoldOut: true }, 10)).toEqual(expect.arrayContaining(['gone', 'gone-too', 'pre', 'back']));
  });
  it('are returned when the query names one in full, folded', () => {
    expect(top('thunderbolt lamp')[0]).toBe('gone');
    expect(top('Is the THUNDERBOLT LAMP MINI in stock?')[0]).toBe('gone-too');
    expect(top('thunderbolt lamp')).not.toContain('gone-too');
  });
});

describe('categories', () => {
  it('lists every level of every path once, with counts', () => {
    const lights = index.categories.find((c) => c.id === 'lights');
    expect(lights).toMatchObject({ name: 'Lights' });
    expect(index.categories.find((c) => c.id === 'rear-lights')).toMatchObject({ name: 'Rear lights' });
    const expectedLights = [...fixtures, ...filler].filter((p) => p.categoryPath.includes('Lights')).length;
    expect(lights?.count).toBe(expectedLights);
    expect(new Set(index.categories.map((c) => c.id)).size).toBe(index.categories.length);
  });
  it('resolves ids and names, folded', () => {
    expect(index.resolveCategory('road-bikes')).toBe('road-bikes');
    expect(index.resolveCategory('Road Bikes')).toBe('road-bikes');
    expect(index.resolveCategory('ROAD BIKE')).toBe('road-bikes');
    expect(index.resolveCategory('Kites')).toBeUndefined();
  });
});

describe('bad queries', () => {
  const bad = ['x'.repeat(5_000), 'velo '.repeat(1_000), '?!.,;:-', '🚲🚲🔦', '\u0000\u0007\u001b[31m', '\uD800', 'ﷺ', '%00%', '(((((', '\\'];
  it.each(bad.map((q) => [q.slice(0, 20), q]))('never throws (%s)', (_label, query) => {
    expect(() => index.search(query, { category: 'lights', minPrice: Number.NaN }, Number.NaN)).not.toThrow();
    expect(Array.isArray(index.search(query))).toBe(true);
  });
  it('still answers a huge query quickly with what it can read', () => {
    const started = performance.now();
    const hits = index.search(`velo leger ${'lorem ipsum '.repeat(500)}`);
    expect(performance.now() - started).toBeLessThan(100);
    expect(ids(hits)[0]).toBe('velo');
  });
  it('treats words that are Object.prototype keys as plain words', () => {
    const odd = buildCatalogIndex([product('ctor', 'Constructor Kit', { variants: [{ id: 'v', options: { size: 'constructor' }, price: 5, availability: 'in_stock' }] })], { language: 'constructor' });
    expect(odd.search('constructor')[0]?.product.id).toBe('ctor');
    expect(odd.search('toString __proto__ hasOwnProperty')).toEqual([]);
    expect(odd.resolveCategory('constructor')).toBeUndefined();
  });
  it('gives nothing for punctuation or emoji only', () => {
    expect(top('?!...')).toEqual([]);
    expect(top('🚲')).toEqual([]);
  });
  it('knows products by id', () => {
    expect(index.byId('velo')?.name).toBe('Vélo Léger');
    expect(index.byId('nope')).toBeUndefined();
    expect(index.size).toBe(fixtures.length + filler.length);
  });
});

describe('a filter with a common word in the query', () => {
  it('finds the filtered products even when the common word alone matches thousands of others', () => {
    // A bike shop read from its Merchant feed, as a retailer's would be: "bike" is in most products, "lights" in a few hundred.
    const shop = buildCatalogIndex(parseCatalog(toMerchantXml(generateCatalog({ count: 3000, seed: 7, shop: 'bikes', language: 'de' })), {}).products, { language: 'de' });
    const hits = shop.search('Do you have bike lights?', { category: 'Lights' }, 4);
    expect(hits).toHaveLength(4);
    expect(hits.every((h) => h.product.categoryPath[0] === 'Lights')).toBe(true);
  });
});
