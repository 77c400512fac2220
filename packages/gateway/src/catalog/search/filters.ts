/**
 * Search filters compiled once per query into a per-product test. The
 * category is resolved to its members up front, so checking a product is a
 * lookup, not a walk of its path.
 */
import type { SearchFilters } from './types.js';
import type { CategoryTable } from './categories.js';

export interface CatalogColumns {
  /** Current price per product ordinal. */
  price: Float64Array;
  /** 1 where the product cannot be bought now (availability `out_of_stock`). */
  soldOut: Uint8Array;
  /** Scratch for marking a category's members: a product is in it when its stamp equals the query's. */
  stamps: Uint32Array;
}

let generation = 0;

export interface CompiledFilter {
  /** True when any of category / price was asked for: an empty query then lists products. */
  narrows: boolean;
  includeSoldOut: boolean;
  /** Does the product pass category and price (availability is judged by the caller, as a named product may pass anyway)? */
  accepts(doc: number): boolean;
  /** No product can pass (an unknown category, min above max). */
  impossible: boolean;
}

const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function compileFilter(filters: SearchFilters | undefined, columns: CatalogColumns, categories: CategoryTable): CompiledFilter {
  const min = finite(filters?.minPrice);
  const max = finite(filters?.maxPrice);
  const categoryAsked = typeof filters?.category === 'string' && filters.category.trim() !== '';
  const categoryId = categoryAsked ? categories.resolve(filters!.category!) : undefined;
  const members = categoryId === undefined ? undefined : categories.members.get(categoryId);
  // Searches run one at a time (they are synchronous), so one scratch array serves them all.
  const stamp = members ? (generation = (generation % 0xfffffffe) + 1) : 0;
  if (members) for (const doc of members) columns.stamps[doc] = stamp;
  const impossible = (categoryAsked && !members) || (min !== undefined && max !== undefined && min > max);
  return {
    narrows: categoryAsked || min !== undefined || max !== undefined,
    includeSoldOut: filters?.includeSoldOut === true,
    impossible,
    accepts(doc) {
      if (stamp && columns.stamps[doc] !== stamp) return false;
      const price = columns.price[doc]!;
      if (min !== undefined && price < min) return false;
      if (max !== undefined && price > max) return false;
      return true;
    },
  };
}
