import { describe, expect, it } from 'vitest';
import { contosoCatalogJsonSchema, contosoCatalogSchema } from './contoso-json-schema.js';
import { FeedError } from './feed-error.js';
import { parseCatalog } from './parse-catalog.js';
import { DEMO_CATALOG_TEXT } from '../../sites/demo/index.js';

const catalog = (products: unknown[], currency: unknown = 'EUR') => JSON.stringify({ currency, products });

describe('Contoso JSON', () => {
  it('reads a product with defaults for what it leaves out', () => {
    const { products, skipped } = parseCatalog(catalog([{ id: 'tent-1', name: 'Tente Légère', price: 199, category: 'Camping > Zelte' }]), {});
    expect(skipped).toEqual([]);
    expect(products).toEqual([
      { id: 'tent-1', name: 'Tente Légère', description: '', brand: '', categoryPath: ['Camping', 'Zelte'], price: 199, currency: 'EUR', availability: 'in_stock', image: '', url: '', tags: [], variants: [] },
    ]);
  });

  it('prefers categoryPath over category and keeps a real discount only', () => {
    const [a, b] = parseCatalog(
      catalog([
        { id: 'a', name: 'A', price: 10, regularPrice: 12, category: 'X', categoryPath: ['Bikes', 'Road bikes'] },
        { id: 'b', name: 'B', price: 10, regularPrice: 10 },
      ]),
      {},
    ).products;
    expect(a).toMatchObject({ categoryPath: ['Bikes', 'Road bikes'], price: 10, regularPrice: 12 });
    expect(b?.regularPrice).toBeUndefined();
  });

  it('works price and availability out from variants', () => {
    const [shoe] = parseCatalog(
      catalog([
        {
          id: 'shoe',
          name: 'Trail shoe',
          variants: [
            { id: 'shoe-42', options: { size: '42' }, price: 120, availability: 'out_of_stock' },
            { id: 'shoe-43', options: { size: '43' }, price: 130, regularPrice: 150, availability: 'backorder', image: '/img/43.jpg' },
          ],
        },
      ]),
      {},
    ).products;
    expect(shoe).toMatchObject({ price: 130, regularPrice: 150, availability: 'backorder' });
    expect(shoe?.variants[1]).toEqual({ id: 'shoe-43', options: { size: '43' }, price: 130, regularPrice: 150, availability: 'backorder', image: '/img/43.jpg' });
  });

  it('skips bad rows by array index + 1', () => {
    const { products, skipped } = parseCatalog(
      catalog([
        { id: 'ok', name: 'Ok', price: 1 },
        { name: 'No id', price: 1 },
        { id: 'no-name', price: 1 },
        { id: 'bad-price', name: 'X', price: '12 EUR' },
        { id: 'bad-avail', name: 'X', price: 1, availability: 'soon' },
        { id: 'long', name: 'X', price: 1, description: 'x'.repeat(20_001) },
        { id: 'ok', name: 'Again', price: 2 },
        { id: 'no-price', name: 'X' },
        { id: 'twins', name: 'X', variants: [{ id: 'v', price: 1 }, { id: 'v', price: 2 }] },
        'not an object',
      ]),
      {},
    );
    expect(products.map((p) => p.id)).toEqual(['ok']);
    expect(skipped).toEqual([
      { row: 2, reason: 'id is missing' },
      { row: 3, id: 'no-name', reason: 'name is missing' },
      { row: 4, id: 'bad-price', reason: 'price should be number' },
      { row: 5, id: 'bad-avail', reason: 'availability must be one of in_stock, out_of_stock, preorder, backorder' },
      { row: 6, id: 'long', reason: 'description is longer than 20000 characters' },
      { row: 7, id: 'ok', reason: 'duplicate id "ok"' },
      { row: 8, id: 'no-price', reason: 'no price' },
      { row: 9, id: 'twins', reason: 'duplicate variant id "v"' },
      { row: 10, reason: expect.stringMatching(/^product/) },
    ]);
  });

  it('needs a currency, from the file or the options', () => {
    expect(() => parseCatalog(JSON.stringify({ products: [] }), {})).toThrow(/names no "currency"/);
    expect(parseCatalog(JSON.stringify({ products: [] }), { currency: 'usd' })).toEqual({ products: [], skipped: [] });
    expect(() => parseCatalog(catalog([], 'dollars'), {})).toThrow(FeedError);
  });

  it('throws FeedError on a JSON syntax error and on JSON with no products', () => {
    expect(() => parseCatalog('{"currency":"USD","products":[{"id":', {})).toThrow(FeedError);
    expect(() => parseCatalog('{"items": []}', { format: 'contoso-json' })).toThrow(/no "products" array/);
  });

  it('reads the demo catalog without skipping anything', () => {
    const { products, skipped } = parseCatalog(DEMO_CATALOG_TEXT, { format: 'contoso-json' });
    expect(skipped).toEqual([]);
    expect(products.length).toBeGreaterThan(10);
    expect(contosoCatalogSchema.safeParse(JSON.parse(DEMO_CATALOG_TEXT)).success).toBe(true);
  });

  it('publishes a JSON Schema of the format', () => {
    const schema = contosoCatalogJsonSchema() as unknown as { properties: { products: { items: { required: string[]; properties: Record<string, unknown> } } } };
    expect(schema.properties.products.items.required).toEqual(['id', 'name']);
    expect(Object.keys(schema.properties.products.items.properties)).toContain('variants');
  });
});
