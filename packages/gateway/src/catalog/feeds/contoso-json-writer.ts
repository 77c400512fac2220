/**
 * Products written back as our own JSON catalog: what a feed becomes once
 * parsed, so a runtime with little memory (a Worker) reads the compact,
 * checked form instead of re-parsing a retailer's XML.
 */
import type { Product } from '../types.js';
import { FeedError } from './feed-error.js';

export function toContosoJson(products: readonly Product[], currency = products[0]?.currency ?? 'USD'): string {
  const other = products.find((p) => p.currency !== currency);
  if (other) throw new FeedError(`product ${other.id} is priced in ${other.currency}, not ${currency}: one catalog file holds one currency`);
  const rows = products.map((p) => ({
    id: p.id,
    name: p.name,
    price: p.price,
    ...(p.regularPrice === undefined ? {} : { regularPrice: p.regularPrice }),
    description: p.description,
    brand: p.brand,
    categoryPath: p.categoryPath,
    tags: p.tags,
    image: p.image,
    url: p.url,
    availability: p.availability,
    ...(p.variants.length === 0 ? {} : { variants: p.variants }),
  }));
  return JSON.stringify({ currency, products: rows });
}
