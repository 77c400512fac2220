import { describe, expect, it } from 'vitest';
import { generateCatalog } from './catalog-generator.js';

describe('generateCatalog', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCatalog({ count: 50, seed: 3 })).toEqual(generateCatalog({ count: 50, seed: 3 }));
    expect(generateCatalog({ count: 50, seed: 3 })).not.toEqual(generateCatalog({ count: 50, seed: 4 }));
  });

  it('looks like a shop: unique ids, paths, ~30% variants, ~10% sold out, consistent prices', () => {
    for (const shop of ['bikes', 'books'] as const) {
      const catalog = generateCatalog({ count: 5_000, seed: 1, shop });
      expect(new Set(catalog.map((p) => p.id)).size).toBe(catalog.length);
      const share = (test: (p: (typeof catalog)[number]) => boolean) => catalog.filter(test).length / catalog.length;
      expect(share((p) => p.variants.length > 0)).toBeGreaterThan(0.2);
      expect(share((p) => p.variants.length > 0)).toBeLessThan(0.4);
      expect(share((p) => p.availability === 'out_of_stock')).toBeGreaterThan(0.05);
      expect(share((p) => p.availability === 'out_of_stock')).toBeLessThan(0.15);
      for (const p of catalog) {
        expect(p.categoryPath.length).toBeGreaterThan(0);
        if (p.variants.length) expect(p.variants.map((v) => v.price)).toContain(p.price);
      }
    }
  });

  it('has accented names always, and German names when asked', () => {
    const en = generateCatalog({ count: 20, seed: 1 }).map((p) => p.name);
    expect(en).toContain('Vélo Léger');
    expect(en).not.toContain('Fahrradschloss');
    const de = generateCatalog({ count: 20, seed: 1, language: 'de' }).map((p) => p.name);
    expect(de).toEqual(expect.arrayContaining(['Fahrradschloss', 'Regenjacke für Radfahrer']));
  });
});
