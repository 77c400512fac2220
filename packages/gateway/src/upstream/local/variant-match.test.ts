import { describe, expect, it } from 'vitest';
import { chooseVariant, toVariant, type Variant } from './variant-match.js';

// The demo's Stormshell jacket as search_products shows it: options flattened into each variant.
const jacket = ['Blue', 'Red'].flatMap((color) =>
  ['S', 'M', 'L'].map((size) => ({ id: `jacket-${color}-${size}`.toLowerCase(), color, size, price: 189, availability: color === 'Red' && size === 'M' ? 'out_of_stock' : 'in_stock' })),
);
const variants = jacket.map(toVariant) as Variant[];

describe('choosing a variant from the words said', () => {
  it('reads the variants as the tools show them, flat or nested', () => {
    expect(variants[1]).toEqual({ id: 'jacket-blue-m', options: { color: 'Blue', size: 'M' }, availability: 'in_stock' });
    expect(toVariant({ variant_id: 'v1', options: { size: 'L' }, availability: 'in_stock' })).toEqual({ id: 'v1', options: { size: 'L' }, availability: 'in_stock' });
  });

  it('names the variant_id when exactly one variant fits, "medium" matching size M', () => {
    expect(chooseVariant(variants, ['medium', 'blue']).args).toEqual({ variant_id: 'jacket-blue-m' });
    expect(chooseVariant(variants, ['red', 'm']).args).toEqual({ variant_id: 'jacket-red-m' });
    expect(chooseVariant(variants, ['large', 'red']).used).toEqual(new Set(['large', 'red']));
  });

  it('passes what was named as options when several variants fit, or none', () => {
    expect(chooseVariant(variants, ['blue']).args).toEqual({ options: { color: 'Blue' } });
    expect(chooseVariant(variants, ['green', 'small']).args).toEqual({ options: { size: 'S', color: 'Green' } });
    expect(chooseVariant(variants, []).args).toEqual({});
    expect(chooseVariant([], ['blue']).args).toEqual({});
  });
});
