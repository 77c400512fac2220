import { describe, expect, it } from 'vitest';
import { buildCatalogIndex } from './index.js';
import { languageOf } from './stemmers.js';
import { generateCatalog } from '../../../test/helpers/catalog-generator.js';
import { product } from '../../../test/helpers/product-fixture.js';

const top = (index: ReturnType<typeof buildCatalogIndex>, query: string) => index.search(query, {}, 5).map((h) => h.product.id);

describe('stemming by the catalog language', () => {
  it('finds German-named products from German queries in other word forms', () => {
    const catalog = generateCatalog({ count: 300, seed: 5, shop: 'bikes', language: 'de' });
    const index = buildCatalogIndex(catalog, { language: 'de-AT' });
    const byName = (name: string) => catalog.find((p) => p.name === name)!.id;
    expect(top(index, 'Fahrradschlösser')[0]).toBe(byName('Fahrradschloss'));
    expect(top(index, 'regenjacken fur radfahrer')[0]).toBe(byName('Regenjacke für Radfahrer'));
    expect(top(index, 'wasserdichte Regenjacke')).toContain(byName('Regenjacke für Radfahrer'));
  });

  it('stems French and Spanish', () => {
    const fr = buildCatalogIndex([product('lampe', 'Lumière avant'), product('autre', 'Sonnette classique')], { language: 'fr' });
    expect(top(fr, 'lumieres')).toEqual(['lampe']);
    expect(top(fr, 'sonnettes classiques')).toEqual(['autre']);
    const es = buildCatalogIndex([product('bici', 'Bicicleta de montaña'), product('casco', 'Casco urbano')], { language: 'es' });
    expect(top(es, 'bicicletas montana')).toEqual(['bici']);
    expect(top(es, 'cascos urbanos')).toEqual(['casco']);
  });

  it('stems English when the language is absent or unknown', () => {
    for (const language of [undefined, 'tlh', '']) {
      const index = buildCatalogIndex([product('light', 'Bar Light'), product('pump', 'Floor Pump')], { language });
      expect(top(index, 'lights')).toEqual(['light']);
      expect(top(index, 'pumping')).toEqual(['pump']);
    }
  });

  it('reads the primary subtag of a BCP 47 tag', () => {
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('FR_ca')).toBe('fr');
    expect(languageOf('es-419')).toBe('es');
    expect(languageOf('zz')).toBe('en');
  });
});
