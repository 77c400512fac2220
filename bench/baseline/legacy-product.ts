/**
 * The product shape the previous search read, and the tiny adapter from the
 * new catalog model to it: one category (the path's last level, as an id),
 * one price, no variants.
 */
import type { Product } from '../../packages/gateway/src/catalog/types.js';
import { slugify } from '../../packages/gateway/src/catalog/search/text-fold.js';

export interface LegacyProduct {
  id: string;
  name: string;
  price: number;
  currency: string;
  category: string;
  brand: string;
  description: string;
  tags: string[];
  image: string;
  url: string;
  /** Kept so the bench can show the new Product back, as the new index does. */
  source: Product;
}

export function toLegacyProduct(product: Product): LegacyProduct {
  const { id, name, price, currency, brand, description, tags, image, url } = product;
  return { id, name, price, currency, brand, description, tags, image, url, category: slugify(product.categoryPath.at(-1) ?? ''), source: product };
}
