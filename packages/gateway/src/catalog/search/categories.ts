/**
 * The retailer's categories as the assistant sees them: every level of every
 * path, one entry per distinct name (by slug), with how many products sit in
 * it at any depth. Names resolve to ids folded for case and accents, and
 * singular/plural alike ("road bike" → `road-bikes`).
 */
import type { Product } from '../types.js';
import type { CategoryInfo } from './types.js';
import { slugify } from './text-fold.js';
import type { Tokenizer } from './tokens.js';

export interface CategoryTable {
  readonly list: CategoryInfo[];
  /** Product ordinals per category id, ascending. */
  readonly members: ReadonlyMap<string, Uint32Array>;
  resolve(nameOrId: string): string | undefined;
}

export function buildCategoryTable(products: readonly Product[], tokenizer: Tokenizer): CategoryTable {
  const names = new Map<string, string>();
  const ordinals = new Map<string, number[]>();
  products.forEach((product, ordinal) => {
    const seen = new Set<string>();
    for (const name of product.categoryPath) {
      const id = slugify(name);
      if (!id || seen.has(id)) continue;
      seen.add(id);
      if (!names.has(id)) names.set(id, name.trim());
      let list = ordinals.get(id);
      if (!list) ordinals.set(id, (list = []));
      list.push(ordinal);
    }
  });

  const list: CategoryInfo[] = [...names].map(([id, name]) => ({ id, name, count: ordinals.get(id)!.length }));
  const members = new Map([...ordinals].map(([id, list]) => [id, Uint32Array.from(list)] as const));
  // A second key, by stemmed words, so a spoken singular finds the retailer's plural.
  const termKey = (text: string) => tokenizer.tokens(text.slice(0, 200), 12).map((t) => t.term).join(' ');
  const byTerms = new Map<string, string>();
  for (const { id, name } of list) {
    const key = termKey(name);
    if (key && !byTerms.has(key)) byTerms.set(key, id);
  }

  return {
    list,
    members,
    resolve(nameOrId) {
      if (typeof nameOrId !== 'string') return undefined;
      const id = slugify(nameOrId.slice(0, 200));
      if (names.has(id)) return id;
      const key = termKey(nameOrId);
      return key ? byTerms.get(key) : undefined;
    },
  };
}
