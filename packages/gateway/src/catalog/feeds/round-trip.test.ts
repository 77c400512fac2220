import { describe, expect, it } from 'vitest';
import type { Product } from '../types.js';
import { toContosoJson, toCsv, toMerchantTsv, toMerchantXml, toShopifyJson } from '../../../test/helpers/feed-writers.js';
import { detectFormat } from './detect-format.js';
import { parseCatalog } from './parse-catalog.js';

const SHOP = 'https://velo.example';

/** Written so every format can carry all of it: options vary, Merchant gets no free tags. */
const PRODUCTS: Product[] = [
  {
    id: 'lock-kids',
    name: '"Kiddo" Fahrradschloss für Kinder',
    description: 'Bunt, leicht & sicher: "Kinderleicht" zu öffnen, <3 Zahlen.',
    brand: 'Vélo Léger',
    categoryPath: ['Zubehör', 'Schlösser'],
    price: 12.5,
    regularPrice: 15,
    currency: 'EUR',
    availability: 'in_stock',
    image: 'https://velo.example/img/lock.jpg',
    url: `${SHOP}/products/lock-kids`,
    tags: [],
    variants: [],
  },
  {
    id: 'velo-700',
    name: 'Vélo Léger 700c',
    description: 'Un vélo de ville, cadre aluminium, 8 vitesses.',
    brand: 'Vélo Léger',
    categoryPath: ['Bikes', 'City bikes'],
    price: 849,
    regularPrice: 899,
    availability: 'in_stock',
    currency: 'EUR',
    image: 'https://velo.example/img/blue.jpg',
    url: `${SHOP}/products/velo-700`,
    tags: [],
    variants: [
      { id: 'velo-700-bl-m', options: { color: 'Blue', size: 'M' }, price: 899, availability: 'in_stock', image: 'https://velo.example/img/blue.jpg', url: `${SHOP}/products/velo-700?variant=velo-700-bl-m`, gtin: '4000000000011' },
      { id: 'velo-700-bk-l', options: { color: 'Black', size: 'L' }, price: 849, regularPrice: 899, availability: 'preorder', image: 'https://velo.example/img/black.jpg', url: `${SHOP}/products/velo-700?variant=velo-700-bk-l` },
    ],
  },
];

/** Merchant has no product-level link for an item group: the product links to its first variant. */
function asMerchantReadsThem(products: Product[]): Product[] {
  return products.map((p) => (p.variants[0]?.url ? { ...p, url: p.variants[0].url } : p));
}

describe('feed writers round-trip through parseCatalog', () => {
  it.each([
    ['merchant-xml', toMerchantXml(PRODUCTS)],
    ['merchant-tsv', toMerchantTsv(PRODUCTS)],
    ['csv', toCsv(PRODUCTS)],
    ['contoso-json', toContosoJson(PRODUCTS, 'EUR')],
  ] as const)('%s', (format, text) => {
    expect(detectFormat(text)).toBe(format);
    expect(parseCatalog(text, { format })).toEqual({ products: format === 'contoso-json' ? PRODUCTS : asMerchantReadsThem(PRODUCTS), skipped: [] });
  });

  it('shopify', () => {
    const text = toShopifyJson(PRODUCTS);
    expect(detectFormat(text)).toBe('shopify');
    const { products, skipped } = parseCatalog(text, { format: 'shopify', currency: 'EUR', shopUrl: SHOP });
    expect(skipped).toEqual([]);
    // Shopify's yes/no availability cannot say "preorder", and it has no mpn field.
    const expected = structuredClone(PRODUCTS);
    (expected[1]?.variants[1] as { availability: string }).availability = 'in_stock';
    expect(products).toEqual(expected);
  });

  it('keep a generated catalog of every format intact at size', () => {
    const many: Product[] = Array.from({ length: 300 }, (_, i) => ({ ...(PRODUCTS[0] as Product), id: `p-${i}`, name: `Schloss Nr. ${i}`, url: `${SHOP}/products/p-${i}` }));
    for (const text of [toMerchantXml(many), toMerchantTsv(many), toCsv(many), toContosoJson(many, 'EUR')]) {
      expect(parseCatalog(text, {}).products).toEqual(many);
    }
  });
});
