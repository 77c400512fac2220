import { describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.js';
import { parseCatalog } from './parse-catalog.js';

const BIKE = {
  id: 7001,
  title: 'Vélo Léger 700c',
  handle: 'velo-leger-700c',
  body_html: '<p>Ein <strong>leichtes</strong> Rad &ndash; f&uuml;r die Stadt.</p>\n<ul><li>Rahmen: Aluminium</li></ul>',
  vendor: 'Vélo Léger',
  product_type: 'Bikes',
  tags: 'city, lightweight, Fahrrad',
  options: [
    { name: 'Color', values: ['Blue', 'Black'] },
    { name: 'Size', values: ['M', 'L'] },
  ],
  variants: [
    { id: 1, title: 'Blue / M', price: '899.00', compare_at_price: '999.00', available: true, sku: 'VL-BL-M', barcode: '4000000000011', option1: 'Blue', option2: 'M', option3: null, featured_image: { src: 'https://cdn.example/blue.jpg' } },
    { id: 2, title: 'Blue / L', price: '899.00', compare_at_price: null, available: false, sku: 'VL-BL-L', barcode: '', option1: 'Blue', option2: 'L', option3: null, featured_image: null },
    { id: 3, title: 'Black / M', price: '849.00', compare_at_price: '', available: false, sku: 'VL-BK-M', barcode: null, option1: 'Black', option2: 'M', option3: null, featured_image: null },
  ],
  images: [
    { src: 'https://cdn.example/main.jpg', variant_ids: [] },
    { src: 'https://cdn.example/blue-l.jpg', variant_ids: [2] },
  ],
};

const LOCK = {
  id: 7002,
  title: 'Fahrradschloss für Kinder',
  handle: 'schloss',
  body_html: '',
  vendor: 'Kiddo',
  product_type: '',
  tags: ['kids', 'lock'],
  options: [{ name: 'Title', values: ['Default Title'] }],
  variants: [{ id: 9, title: 'Default Title', price: '12.50', compare_at_price: null, available: true, option1: 'Default Title', option2: null, option3: null }],
  images: [],
};

const feed = (...products: unknown[]) => JSON.stringify({ products });

describe("Shopify's products.json", () => {
  const { products, skipped } = parseCatalog(feed(BIKE, LOCK), { currency: 'EUR', shopUrl: 'https://velo.example/' });
  const [bike, lock] = products;

  it('reads each product, turning body_html into plain text', () => {
    expect(skipped).toEqual([]);
    expect(bike).toMatchObject({
      id: '7001',
      name: 'Vélo Léger 700c',
      description: 'Ein leichtes Rad – für die Stadt. Rahmen: Aluminium',
      brand: 'Vélo Léger',
      categoryPath: ['Bikes'],
      currency: 'EUR',
      image: 'https://cdn.example/main.jpg',
      url: 'https://velo.example/products/velo-leger-700c',
      tags: ['city', 'lightweight', 'Fahrrad'],
    });
  });

  it('names variant options by the product options, and prices the product by what can be bought', () => {
    expect(bike?.variants).toEqual([
      { id: '1', options: { color: 'Blue', size: 'M' }, price: 899, regularPrice: 999, availability: 'in_stock', image: 'https://cdn.example/blue.jpg', url: 'https://velo.example/products/velo-leger-700c?variant=1', gtin: '4000000000011' },
      { id: '2', options: { color: 'Blue', size: 'L' }, price: 899, availability: 'out_of_stock', image: 'https://cdn.example/blue-l.jpg', url: 'https://velo.example/products/velo-leger-700c?variant=2' },
      { id: '3', options: { color: 'Black', size: 'M' }, price: 849, availability: 'out_of_stock', url: 'https://velo.example/products/velo-leger-700c?variant=3' },
    ]);
    expect(bike).toMatchObject({ price: 899, regularPrice: 999, availability: 'in_stock' });
  });

  it('gives a product sold in one version no variants', () => {
    expect(lock).toMatchObject({ id: '7002', price: 12.5, availability: 'in_stock', variants: [], tags: ['kids', 'lock'], categoryPath: [], url: 'https://velo.example/products/schloss' });
  });

  it('needs a currency from the options', () => {
    expect(() => parseCatalog(feed(BIKE), {})).toThrow(FeedError);
    expect(() => parseCatalog(feed(BIKE), {})).toThrow(/names no currency/);
  });

  it('links to a path when no shopUrl is given', () => {
    expect(parseCatalog(feed(LOCK), { currency: 'USD' }).products[0]?.url).toBe('/products/schloss');
  });

  it('skips a bad variant on its own and a bad product whole, by array position', () => {
    const badVariant = { ...BIKE, variants: [BIKE.variants[0], { ...BIKE.variants[1], price: 'call us' }] };
    const noTitle = { ...LOCK, id: 7003, title: '' };
    const { products: read, skipped: refused } = parseCatalog(feed(badVariant, noTitle, { ...LOCK }, { ...LOCK, body_html: 'x'.repeat(100_001) }), { currency: 'EUR' });
    expect(read.map((p) => p.id)).toEqual(['7001', '7002']);
    expect(read[0]?.variants.map((v) => v.id)).toEqual(['1']);
    expect(refused).toEqual([
      { row: 1, id: '7001', reason: 'variant 2: price "call us" is not a price' },
      { row: 2, id: '7003', reason: 'no title' },
      { row: 4, id: '7002', reason: 'body_html is longer than 100000 characters' },
    ]);
  });
});
