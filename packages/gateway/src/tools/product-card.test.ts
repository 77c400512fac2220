import { describe, expect, it } from 'vitest';
import { toProductCard } from './product-card.js';
import type { Product } from '../catalog/types.js';

const product = (over: Partial<Product>): Product =>
  ({ id: 'p1', name: 'Zelt', price: 1299, currency: 'EUR', image: '/img/zelt.jpg', url: '/p/zelt?farbe=gruen', availability: 'in_stock', variants: [], categoryPath: [], tags: [], ...over }) as Product;

describe('product cards', () => {
  it("carry the page path for a product on the shop's origin, the shop's locale and the availability", () => {
    const card = toProductCard(product({}), 'matches "zelt"', 'https://voice.test', 'http://localhost:8787', 'de-DE');
    expect(card).toMatchObject({ url: 'http://localhost:8787/p/zelt?farbe=gruen', path: '/p/zelt?farbe=gruen', locale: 'de-DE', availability: 'in_stock' });
    expect(card.image).toBe('http://localhost:8787/img/zelt.jpg');
  });

  it('have no path for a product page on another origin, so clients keep its full URL', () => {
    const card = toProductCard(product({ url: 'https://marketplace.test/zelt' }), '', 'https://voice.test', 'https://alpen.test');
    expect(card.url).toBe('https://marketplace.test/zelt');
    expect(card).not.toHaveProperty('path');
    expect(card).not.toHaveProperty('locale');
  });
});
