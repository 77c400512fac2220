/**
 * What of a product is searchable, and how much each part counts: the name
 * and brand are what a shopper names, the category and tags what they
 * describe, the copy only backs a match up. Variant options ("Blue", "M")
 * count like tags, with sizes spelled out so "medium" finds "M".
 */
import type { Product } from '../types.js';

export interface WeightedText {
  text: string;
  weight: number;
}

export const FIELD_WEIGHTS = { name: 3, brand: 3, category: 2, tags: 2, options: 2, description: 1 } as const;

/** Size codes as people say them. */
const SIZE_WORDS: ReadonlyMap<string, string> = new Map(Object.entries({
  xxs: 'extra extra small', xs: 'extra small', s: 'small', m: 'medium', l: 'large', xl: 'extra large', xxl: 'extra extra large',
}));

function optionText(product: Product): string {
  const values = new Set<string>();
  for (const variant of product.variants) {
    for (const value of Object.values(variant.options)) {
      if (typeof value !== 'string') continue;
      values.add(value);
      const spoken = SIZE_WORDS.get(value.trim().toLowerCase());
      if (spoken) values.add(spoken);
    }
  }
  return [...values].join(' ');
}

export function searchableFields(product: Product): WeightedText[] {
  return [
    { text: product.name, weight: FIELD_WEIGHTS.name },
    { text: product.brand, weight: FIELD_WEIGHTS.brand },
    { text: product.categoryPath.join(' / '), weight: FIELD_WEIGHTS.category },
    { text: product.tags.join(' / '), weight: FIELD_WEIGHTS.tags },
    { text: optionText(product), weight: FIELD_WEIGHTS.options },
    { text: product.description, weight: FIELD_WEIGHTS.description },
  ];
}
