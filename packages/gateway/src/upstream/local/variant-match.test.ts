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

// A German kitchenware shop: colours and sizes in the catalog's own words.
const pan = ['Blau', 'Rot', 'Crème'].flatMap((color) => ['24 cm', '28 cm'].map((size) => ({ id: `pan-${color}-${size}`.toLowerCase().replace(/\s/g, ''), color, size })));
const panVariants = pan.map(toVariant) as Variant[];

describe('choosing a variant named in other words than the catalog\'s', () => {
  it('matches a colour word of any of the four languages to a value in any other', () => {
    expect(chooseVariant(panVariants, ['blue']).args).toEqual({ options: { color: 'Blau' } });
    expect(chooseVariant(panVariants, ['red', '28cm']).args).toEqual({ variant_id: 'pan-rot-28cm' });
    expect(chooseVariant(panVariants, ['cream', '24cm']).args).toEqual({ variant_id: 'pan-crème-24cm' });
    expect(chooseVariant(panVariants, ['rouge']).args).toEqual({ options: { color: 'Rot' } });
    expect(chooseVariant(panVariants, ['blaue']).args).toEqual({ options: { color: 'Blau' } });
    const jacketDe = ['Blue', 'Grey'].map((color) => ({ id: `j-${color}`, options: { Farbe: color } }));
    expect(chooseVariant(jacketDe, ['grau']).args).toEqual({ variant_id: 'j-Grey' });
    expect(chooseVariant(jacketDe, ['gris']).args).toEqual({ variant_id: 'j-Grey' });
    expect(chooseVariant(jacketDe, ['azul']).args).toEqual({ variant_id: 'j-Blue' });
  });

  it('matches a number with or without its unit to a measure, and not to another unit', () => {
    expect(chooseVariant(panVariants, ['28cm']).args).toEqual({ options: { size: '28 cm' } });
    expect(chooseVariant(panVariants, ['28', 'blue']).args).toEqual({ variant_id: 'pan-blau-28cm' });
    const pots = ['1,5 l', '3 l', '500ml'].map((volume, i) => ({ id: `pot-${i}`, options: { volume } }));
    expect(chooseVariant(pots, ['1.5l']).args).toEqual({ variant_id: 'pot-0' });
    expect(chooseVariant(pots, ['3']).args).toEqual({ variant_id: 'pot-1' });
    expect(chooseVariant(pots, ['500ml']).args).toEqual({ variant_id: 'pot-2' });
    expect(chooseVariant(pots, ['500l']).args).toEqual({});
    const boards = ['12"', '16 inch'].map((size, i) => ({ id: `board-${i}`, options: { size } }));
    expect(chooseVariant(boards, ['16in']).args).toEqual({ variant_id: 'board-1' });
    expect(chooseVariant(boards, ['12inch']).args).toEqual({ variant_id: 'board-0' });
    // A size the product does not come in is passed on as the catalog would write it.
    expect(chooseVariant(panVariants, ['32cm']).args).toEqual({ options: { size: '32 cm' } });
  });
});
