import type { Product } from '../types.js';

export interface SearchFilters {
  /** A category id or the retailer's own name for it ("Road bikes", "road-bikes"); matches any level of a product's path. */
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  /** Sold-out products are left out unless this is set (the catalog endpoint's `availability=any`). */
  includeSoldOut?: boolean;
}

export interface SearchHit {
  product: Product;
  score: number;
  /** Query words this product matched, as the shopper wrote them. */
  matched: string[];
}

export interface CategoryInfo {
  /** Stable slug of the category path's last level: `road-bikes`. */
  id: string;
  /** The retailer's name: `Road bikes`. */
  name: string;
  /** Products in it (at any depth below it). */
  count: number;
}

export interface CatalogIndex {
  readonly size: number;
  readonly categories: CategoryInfo[];
  /**
   * Best matches first. Never throws: an empty, huge or punctuation-only
   * query gives an empty or best-effort list. With an empty query and a
   * filter it lists the filtered products, cheapest first. A sold-out
   * product is returned, marked by its availability, only when the query
   * names it (its whole name); otherwise sold-out products are left out.
   */
  search(query: string, filters?: SearchFilters, limit?: number): SearchHit[];
  byId(id: string): Product | undefined;
  /** A category id for an id or a retailer's name, folded for case and accents; undefined when there is none. */
  resolveCategory(nameOrId: string): string | undefined;
}

export interface CatalogIndexOptions {
  /** The catalog's language for stemming, as a BCP 47 tag (`en`, `de-AT`, `fr`, `es`); English when absent or unknown. */
  language?: string;
}
