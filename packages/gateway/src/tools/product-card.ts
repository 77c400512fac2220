import type { ProductCard } from '@contoso-voice/protocol';
import type { Product } from '../catalog/types.js';

/** Variants the model is shown per product; a product with more says how many there are. */
const VARIANTS_FOR_MODEL = 12;

function absolute(path: string, base: string): string {
  try {
    return new URL(path, base).href;
  } catch {
    return path;
  }
}

export const isBuyable = (p: Product) => p.availability !== 'out_of_stock';

/** The page's path on the shop's origin, or undefined for a page elsewhere (a marketplace listing, say). */
function pathOnShop(url: string, shopUrl: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === new URL(shopUrl).origin ? `${u.pathname}${u.search}${u.hash}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `gatewayUrl`: where browsers reach the gateway, with any mount path (https://shop.example/voice).
 * `locale`: the shop's language, so the widget writes prices the shop's way rather than the browser's.
 */
export function toProductCard(p: Product, reason: string, gatewayUrl: string, shopUrl: string, locale?: string): ProductCard {
  const url = absolute(p.url, shopUrl);
  const path = pathOnShop(url, shopUrl);
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    currency: p.currency,
    // The gateway serves its own images (the demo's, under /v1/), below its mount path; every other relative link is the shop's.
    image: p.image.startsWith('/v1/') ? `${gatewayUrl}${p.image}` : absolute(p.image, shopUrl),
    url,
    // The shop's own pages are linked by path: a page served from another name or port for the same shop keeps its cart.
    ...(path ? { path } : {}),
    ...(locale ? { locale } : {}),
    availability: p.availability,
    reason,
  };
}

/** The fields a model needs to talk about a product; no URLs, which it would read aloud. */
export function toModelView(p: Product) {
  return {
    id: p.id,
    name: p.name,
    price: p.price,
    ...(p.regularPrice !== undefined ? { regular_price: p.regularPrice } : {}),
    currency: p.currency,
    availability: p.availability,
    ...(p.availability === 'out_of_stock' ? { note: 'Sold out: do not offer it; say so and suggest an alternative.' } : {}),
    category: p.categoryPath.join(' > '),
    brand: p.brand,
    description: p.description,
    features: p.tags,
    ...(p.variants.length
      ? {
          variants: p.variants.slice(0, VARIANTS_FOR_MODEL).map((v) => ({ id: v.id, ...v.options, price: v.price, availability: v.availability })),
          ...(p.variants.length > VARIANTS_FOR_MODEL ? { more_variants: p.variants.length - VARIANTS_FOR_MODEL } : {}),
        }
      : {}),
  };
}
