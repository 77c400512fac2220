/** A complete Product from the few fields a test cares about. */
import type { Product } from '../../src/catalog/types.js';

export function product(id: string, name: string, extra: Partial<Product> = {}): Product {
  return {
    id,
    name,
    description: 'A dependable product for everyday use.',
    brand: 'Acme',
    categoryPath: ['Misc'],
    price: 10,
    currency: 'EUR',
    availability: 'in_stock',
    image: `/images/${id}.jpg`,
    url: `/products/${id}`,
    tags: [],
    variants: [],
    ...extra,
  };
}
