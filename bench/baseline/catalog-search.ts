/**
 * BASELINE for bench/catalog.ts: the gateway's previous hand-written search,
 * copied as it was (only its Product import points at the adapter), so the
 * benchmark can compare against it after src/tools drops it.
 *
 * Ranks products by BM25 over weighted fields. A product's document is its
 * name, tags and category counted several times over and its brand and
 * description once, so a word in the name outweighs one in the copy.
 */
import type { LegacyProduct as Product } from './legacy-product.js';
import { tokenize } from './text-tokens.js';

const K1 = 1.2;
const B = 0.75;
const FIELD_WEIGHTS = { name: 3, tags: 2, category: 2, brand: 1, description: 1 } as const;

export interface SearchFilters {
  category?: string;
  minPrice?: number;
  maxPrice?: number;
}

export interface ScoredProduct {
  product: Product;
  score: number;
  /** Query terms this product matched, for the "why suggested" line. */
  matched: string[];
}

interface IndexedProduct {
  product: Product;
  termFreq: Map<string, number>;
  length: number;
}

export interface CatalogIndex {
  search(query: string, filters?: SearchFilters, limit?: number): ScoredProduct[];
  byId(id: string): Product | undefined;
}

export function buildCatalogIndex(catalog: Product[]): CatalogIndex {
  const docs: IndexedProduct[] = catalog.map((product) => {
    const termFreq = new Map<string, number>();
    let length = 0;
    for (const [field, weight] of Object.entries(FIELD_WEIGHTS)) {
      const value = product[field as keyof typeof FIELD_WEIGHTS];
      const text = Array.isArray(value) ? value.join(' ') : value;
      for (const term of tokenize(text)) {
        termFreq.set(term, (termFreq.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    return { product, termFreq, length };
  });
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length);
  const docFreq = new Map<string, number>();
  for (const doc of docs) for (const term of doc.termFreq.keys()) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
  const idf = (term: string) => {
    const n = docFreq.get(term) ?? 0;
    return Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
  };
  const ids = new Map(catalog.map((p) => [p.id, p]));

  function passes(p: Product, f: SearchFilters): boolean {
    if (f.category && p.category !== f.category) return false;
    if (f.minPrice !== undefined && p.price < f.minPrice) return false;
    if (f.maxPrice !== undefined && p.price > f.maxPrice) return false;
    return true;
  }

  return {
    byId: (id) => ids.get(id),
    search(query, filters = {}, limit = 5) {
      const terms = [...new Set(tokenize(query))];
      const results: ScoredProduct[] = [];
      for (const doc of docs) {
        if (!passes(doc.product, filters)) continue;
        let score = 0;
        const matched: string[] = [];
        for (const term of terms) {
          const tf = doc.termFreq.get(term);
          if (!tf) continue;
          matched.push(term);
          score += (idf(term) * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * doc.length) / avgLength));
        }
        // With no query terms, a filtered listing is still useful: keep everything, cheapest first.
        if (terms.length === 0 || score > 0) results.push({ product: doc.product, score, matched });
      }
      results.sort((a, b) => b.score - a.score || a.product.price - b.product.price);
      return results.slice(0, limit);
    },
  };
}
