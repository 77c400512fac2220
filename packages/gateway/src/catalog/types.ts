/**
 * The product model every catalog source is read into: one shape for a
 * Google Merchant feed, a CSV, Shopify's products.json and our own JSON, so
 * search, tools and cards never care where a catalog came from.
 */

/** Google Merchant's availability values; every source is mapped onto these. */
export const AVAILABILITIES = ['in_stock', 'out_of_stock', 'preorder', 'backorder'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** One buyable version of a product: a size, a colour, a pack of three. */
export interface Variant {
  id: string;
  /** What tells this variant apart, by option name: `{ color: 'Blue', size: 'M' }`. */
  options: Record<string, string>;
  /** What the shopper pays now: the sale price where there is one. */
  price: number;
  /** The price before a sale, when `price` is a sale price. */
  regularPrice?: number;
  availability: Availability;
  image?: string;
  url?: string;
  gtin?: string;
  mpn?: string;
}

export interface Product {
  id: string;
  name: string;
  description: string;
  brand: string;
  /** The retailer's own category, most general first: `['Bikes', 'Road bikes']`. Empty when the feed has none. */
  categoryPath: string[];
  /** What the shopper pays now: the lowest price among the variants that can be bought (or among all, when none can). */
  price: number;
  /** The price before a sale, when `price` is a sale price. */
  regularPrice?: number;
  /** ISO 4217 code: `USD`, `EUR`. */
  currency: string;
  /** `in_stock` when any variant is, else the best of what the variants have. */
  availability: Availability;
  /** Absolute URL, or a path on the gateway's public origin. */
  image: string;
  /** Absolute URL, or a path relative to the site's `shopUrl`. */
  url: string;
  /** Extra search words: features, materials, the Google product category. */
  tags: string[];
  /** Empty for a product that comes in one version. */
  variants: Variant[];
}

/** A row a feed could not use, and why: counted and logged, never fatal. */
export interface SkippedRow {
  /** 1-based row (CSV/TSV line, XML item, JSON array index + 1). */
  row: number;
  /** The row's id, when it had one. */
  id?: string;
  reason: string;
}

export interface ParsedCatalog {
  products: Product[];
  skipped: SkippedRow[];
}
