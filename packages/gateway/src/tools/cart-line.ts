/**
 * From what the model asked to add ("the Stormshell, blue, medium, two") to
 * one line of the catalog, or to the reason it cannot be: the page is only
 * asked to add what the shop can sell.
 */
import type { CartLine } from '@contoso-voice/protocol';
import type { Product, Variant } from '../catalog/types.js';
import type { PreparedCall } from './types.js';
import { toProductCard } from './product-card.js';

export interface CartRequest {
  product_id: string;
  variant_id?: string;
  options?: Record<string, string>;
  quantity?: number;
}

/** Spoken sizes and their labels: a shopper says "medium", a feed says "M". */
const SIZE_WORDS: Record<string, string> = { 'extra small': 'xs', small: 's', medium: 'm', large: 'l', 'extra large': 'xl', 'double extra large': 'xxl' };

const norm = (s: string) => {
  const folded = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
  return SIZE_WORDS[folded] ?? folded;
};

/** Whether a variant has every option the shopper named; an option name the product lacks is matched against any of its values. */
function matches(variant: Variant, asked: Record<string, string>): boolean {
  const byName = new Map(Object.entries(variant.options).map(([k, v]) => [norm(k), norm(v)]));
  return Object.entries(asked).every(([name, value]) => {
    const own = byName.get(norm(name));
    return own !== undefined ? own === norm(value) : [...byName.values()].includes(norm(value));
  });
}

export const variantLabel = (v: Variant) => Object.values(v.options).join(' / ');
const buyable = (v: { availability: string }) => v.availability !== 'out_of_stock';
const choice = (v: Variant) => ({ variant_id: v.id, ...v.options, availability: v.availability });

/** Where links go: the gateway's URL and the shop's home page, for absolute image and page URLs. */
export interface LinkBases {
  gatewayUrl: string;
  shopUrl: string;
}

/** The page path of an absolute URL on the shop's own origin, so the page can go there on whatever origin it is served from. */
export function shopPath(url: string, shopUrl: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === new URL(shopUrl).origin ? `${u.pathname}${u.search}${u.hash}` : undefined;
  } catch {
    return undefined;
  }
}

export function resolveCartLine(product: Product | undefined, req: CartRequest, bases: LinkBases): PreparedCall {
  if (!product) return { ok: false, output: { error: `no product with id "${req.product_id}"`, reason: 'unknown_product' } };
  const about = { id: product.id, name: product.name };
  const quantity = req.quantity ?? 1;
  let variant: Variant | undefined;
  if (product.variants.length === 0) {
    if (!buyable(product)) return { ok: false, output: { error: `the ${product.name} is sold out`, reason: 'sold_out', product: about } };
  } else {
    let candidates = product.variants;
    if (req.variant_id !== undefined) candidates = candidates.filter((v) => v.id === req.variant_id);
    if (req.options && Object.keys(req.options).length) candidates = candidates.filter((v) => matches(v, req.options!));
    if (candidates.length === 0) {
      return { ok: false, output: { error: `the ${product.name} has no such version`, reason: 'unknown_variant', product: about, options: product.variants.map(choice) } };
    }
    const open = candidates.filter(buyable);
    if (open.length === 0) {
      const which = candidates.length === 1 ? ` in ${variantLabel(candidates[0]!)}` : '';
      return { ok: false, output: { error: `the ${product.name}${which} is sold out`, reason: 'sold_out', product: about, options: product.variants.filter(buyable).map(choice) } };
    }
    if (open.length > 1) return { ok: false, output: { error: 'ask which one the shopper wants', reason: 'choose_variant', product: about, options: open.map(choice) } };
    variant = open[0];
  }
  const card = toProductCard(product, '', bases.gatewayUrl, bases.shopUrl);
  const url = variant?.url ? new URL(variant.url, bases.shopUrl).href : card.url;
  const path = shopPath(url, bases.shopUrl);
  const line: CartLine = {
    product_id: product.id,
    ...(variant ? { variant_id: variant.id, options: { ...variant.options }, variant: variantLabel(variant) } : {}),
    quantity,
    name: product.name,
    price: variant?.price ?? product.price,
    currency: product.currency,
    image: card.image,
    url,
    ...(path ? { path } : {}),
  };
  return { ok: true, args: line as unknown as Record<string, unknown> };
}
