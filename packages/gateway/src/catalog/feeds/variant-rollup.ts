import type { Availability, Variant } from '../types.js';

const BUYABLE: ReadonlySet<Availability> = new Set(['in_stock', 'preorder', 'backorder']);
/** Best first: what the product as a whole is, given what its variants are. */
const AVAILABILITY_ORDER: readonly Availability[] = ['in_stock', 'preorder', 'backorder', 'out_of_stock'];

export interface ProductSummary {
  price: number;
  regularPrice?: number;
  availability: Availability;
}

/**
 * A product's price and availability from its variants: the lowest price a
 * shopper can actually pay (among all when none can be bought), with the
 * regular price of that same variant, and the best availability.
 */
export function summariseVariants(variants: readonly Variant[]): ProductSummary {
  const buyable = variants.filter((v) => BUYABLE.has(v.availability));
  const pool = buyable.length > 0 ? buyable : variants;
  let cheapest = pool[0] as Variant;
  for (const v of pool) if (v.price < cheapest.price) cheapest = v;
  const availability = AVAILABILITY_ORDER.find((a) => variants.some((v) => v.availability === a)) ?? 'out_of_stock';
  return cheapest.regularPrice === undefined
    ? { price: cheapest.price, availability }
    : { price: cheapest.price, regularPrice: cheapest.regularPrice, availability };
}
