/**
 * The words of a shop action: what is filler, what is a quantity, and what
 * names a size or a colour. Shoppers say "medium" where the catalog says
 * "M", so sizes are matched through their common names in the four shop
 * languages the engine reads (English, German, French, Spanish); colours
 * through colour-words.ts, and measures ("28 cm") through measure-words.ts.
 */
import { colourOf } from './colour-words.js';
import { joinMeasures, markInches, measureOf, sameMeasure } from './measure-words.js';

/** Lower case without accents, as every matcher here compares. */
export const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');

/** A plural's final "s" gone, so "tents" names a "Tent"; short words ("its", "gas") are kept as they are. */
export const fold = (word: string) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);

/**
 * The words of a text, lower case and accentless. Contractions lose their tail
 * first: the "m" of "I'm" and the "s" of "it's" must not be read as sizes M and S.
 * A decimal stays one word ("1,5" as "1.5"), and so does a measure ("28 cm" as "28cm").
 */
export function tokens(text: string): string[] {
  const words = markInches(plain(text))
    .replace(/([\p{L}])['’](?:s|m|re|ll|d|ve|t)\b/gu, '$1')
    .replace(/\bextra[- ]?large\b/g, 'xl')
    .replace(/\bextra[- ]?small\b/g, 'xs')
    .replace(/(\d),(?=\d)/g, '$1.')
    .split(/(?:[^\p{L}\p{N}.]|(?<!\d)\.|\.(?!\d))+/u)
    .filter(Boolean);
  return joinMeasures(words, (w) => QUANTITY_AFTER.has(w));
}

/** Words that carry no product or option: verbs of the actions, articles, "my cart", politeness. */
export const FILLER = new Set(
  (
    'a an the to my our your into in on of for from with and also too please pls me i you we can could would will shall like want some any ' +
    'add put buy get take order cart basket trolley shopping size colour color item items product page just now then ok okay yes ' +
    'le la les un une des du de au aux dans mon ma mes ton votre panier ajoute ajouter ajoutez mets mettre metz acheter je veux voudrais moi vous plait sil taille couleur et aussi ' +
    'der die das den dem des ein eine einen einem in im zum zur mein meinen meinem meine warenkorb korb bitte leg lege legen fuge fugen hinzu kaufen ich mochte mir gib groesse grosse farbe und auch ' +
    'el los las una unos unas al en mi mis carrito cesta anade anadir agrega agregar pon poner comprar quiero quisiera por favor talla y tambien'
  ).split(/\s+/),
);

/** Words that point back at products already shown: "those", "it", "the blue one". */
export const REFERENCE = new Set(
  'it its them they those these that this one ones same le la les lui ceux celles celui celle ca cela es esa ese eso esos esas este esta lo los las uno una sie ihn das diese dieser dieses den'.split(' '),
);

const NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, couple: 2, pair: 2,
  zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
  deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
};

/** Verbs after which a number is a quantity ("add two", "remove two"), not part of a name ("the Basecamp 4"). */
const QUANTITY_AFTER = new Set(['add', 'put', 'buy', 'take', 'get', 'order', 'ajoute', 'ajouter', 'ajoutez', 'mets', 'acheter', 'fuge', 'lege', 'leg', 'kaufen', 'anade', 'anadir', 'agrega', 'agregar', 'pon', 'comprar', 'me', 'us',
  'remove', 'delete', 'drop', 'entferne', 'losche', 'enleve', 'retire', 'supprime', 'quita', 'elimina', 'saca', 'borra']);

const numberOf = (word: string | undefined): number | undefined => {
  if (!word) return undefined;
  if (/^\d{1,6}$/.test(word)) return Number(word);
  return NUMBERS[word];
};

/**
 * The quantity a shopper asked for, and which token said it: a number right
 * after the verb ("add two of those"), before "of" ("two of the blue ones"),
 * or "2 x" / "x2". "One" is left out: it is the default, and "the blue one"
 * must not undo an earlier "two".
 */
export function quantityIn(words: string[]): { quantity: number; index: number } | undefined {
  for (let i = 0; i < words.length; i++) {
    const n = numberOf(words[i]);
    if (n === undefined || n < 0) continue;
    const before = words[i - 1];
    const after = words[i + 1];
    if ((before && QUANTITY_AFTER.has(before)) || after === 'of' || after === 'de' || after === 'von' || after === 'x' || before === 'x' || after === 'more') {
      return { quantity: n, index: i };
    }
  }
  return undefined;
}

/** Sizes by their common names; a catalog value of any member names the same size. */
const SIZE_GROUPS: string[][] = [
  ['xxs'],
  ['xs'],
  ['s', 'small', 'klein', 'petit', 'petite', 'pequeno', 'pequena', 'chico', 'chica'],
  ['m', 'medium', 'mittel', 'moyen', 'moyenne', 'mediano', 'mediana'],
  ['l', 'large', 'gross', 'grand', 'grande'],
  ['xl'],
  ['xxl', '2xl'],
];
const SIZE_OF = new Map(SIZE_GROUPS.flatMap((group, i) => group.map((name) => [name, i] as const)));

export type OptionKind = 'size' | 'colour';

/** Whether a word is a size or colour anyone might name, whatever the catalog holds; a measure with its unit ("28cm") is a size. */
export function optionKind(word: string): OptionKind | undefined {
  if (SIZE_OF.has(word)) return 'size';
  if (colourOf(word) !== undefined) return 'colour';
  if (measureOf(word)?.unit) return 'size';
  return undefined;
}

/**
 * Whether a shopper's word names a catalog option value: "medium" names "M",
 * "blue" names "Blue" and "Blau", "28" and "28cm" name "28 cm".
 */
export function namesValue(word: string, value: string): boolean {
  const v = plain(value).trim();
  if (v === word || fold(v) === fold(word)) return true;
  const size = SIZE_OF.get(word);
  if (size !== undefined && SIZE_OF.get(v) === size) return true;
  const colour = colourOf(word);
  if (colour !== undefined && colourOf(v) === colour) return true;
  return sameMeasure(word, v);
}
