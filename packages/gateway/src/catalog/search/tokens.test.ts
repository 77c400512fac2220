import { describe, expect, it } from 'vitest';
import { createTokenizer } from './tokens.js';
import { stemmerFor } from './stemmers.js';
import { foldText, slugify } from './text-fold.js';
import { withinOneEdit } from './typo-table.js';

const terms = (text: string, language = 'en') => createTokenizer(language, stemmerFor(language)).tokens(text).map((t) => t.term);

describe('foldText and slugify', () => {
  it('folds case, accents and ligatures', () => {
    expect(foldText('Vélo LÉGER')).toBe('velo leger');
    expect(foldText('Straße Œuvre Ærø Łódź')).toBe('strasse oeuvre aero lodz');
    expect(slugify('  Tools & Care / Pumps ')).toBe('tools-care-pumps');
    expect(slugify('Vélos électriques')).toBe('velos-electriques');
  });
});

describe('tokens', () => {
  it('drops stop words and single letters, keeps digits', () => {
    expect(terms('I am looking for a red helmet')).toEqual(['am', 'red', 'helmet']);
    expect(terms('size 8')).toEqual(['size', '8']);
  });
  it('turns number words into digits and joins counts to their unit', () => {
    expect(terms('a tent for four people')).toEqual(['tent', '4-person']);
    expect(terms('4-Person family tents')).toEqual(['4-person', 'famili', 'tent']);
    expect(terms('Four-Season boots')).toEqual(['4-season', 'boot']);
    expect(terms('zwei Personen Zelt', 'de')).toEqual(['2-person', 'zelt']);
  });
  it('also gives the joined spelling of hyphenated words', () => {
    expect(terms('E-Bike')).toEqual(['bike', 'ebik']);
    expect(terms('USB-C light')).toEqual(['usb', 'usbc', 'light']);
  });
  it('applies the catalog language stop words as well as English ones', () => {
    expect(terms('Regenjacke für die Stadt', 'de')).toEqual(['regenjack', 'stadt']);
  });
  it('caps the number of tokens', () => {
    expect(createTokenizer('en', stemmerFor('en')).tokens('red '.repeat(100), 12)).toHaveLength(12);
  });
});

describe('withinOneEdit', () => {
  it('accepts one substitution, insertion, deletion or neighbour swap', () => {
    expect(withinOneEdit('jacket', 'jackat')).toBe(true);
    expect(withinOneEdit('jacket', 'jackets')).toBe(true);
    expect(withinOneEdit('jacket', 'jcket')).toBe(true);
    expect(withinOneEdit('jacket', 'jakcet')).toBe(true);
  });
  it('refuses two edits', () => {
    expect(withinOneEdit('jacket', 'jxckxt')).toBe(false);
    expect(withinOneEdit('jacket', 'jack')).toBe(false);
    expect(withinOneEdit('jacket', 'ajcekt')).toBe(false);
  });
});
