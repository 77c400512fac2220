import type { ProductCard } from '@contoso-voice/protocol';
import type { Product } from '../sites/types.js';

function absolute(path: string, base: string): string {
  try {
    return new URL(path, base).href;
  } catch {
    return path;
  }
}

export function toProductCard(p: Product, reason: string, publicOrigin: string, shopUrl: string): ProductCard {
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    currency: p.currency,
    image: absolute(p.image, publicOrigin),
    url: absolute(p.url, shopUrl),
    reason,
  };
}

/** The fields a model needs to talk about a product; no URLs, which it would read aloud. */
export function toModelView(p: Product) {
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    currency: p.currency,
    category: p.category,
    brand: p.brand,
    description: p.description,
    features: p.tags,
  };
}
