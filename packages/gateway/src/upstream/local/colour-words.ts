/**
 * Colour words in the four shop languages the engine reads (English,
 * German, French, Spanish). A shopper says "the blue one" where a German
 * catalog says "Blau", so a colour is matched through its group: any two
 * words of one group name the same colour. Words are as plain() leaves
 * them: lower case, no accents, "ß" as "ss".
 */

const COLOUR_GROUPS: string[][] = [
  ['blue', 'blau', 'bleu', 'bleue', 'azul'],
  ['red', 'rot', 'rouge', 'rojo', 'roja'],
  ['green', 'grun', 'gruen', 'vert', 'verte', 'verde'],
  ['black', 'schwarz', 'noir', 'noire', 'negro', 'negra'],
  ['white', 'weiss', 'blanc', 'blanche', 'blanco', 'blanca'],
  ['grey', 'gray', 'grau', 'gris', 'grise'],
  ['cream', 'creme', 'crema', 'ecru'],
  ['ivory', 'elfenbein', 'ivoire', 'marfil'],
  ['brown', 'braun', 'brun', 'brune', 'marron'],
  ['yellow', 'gelb', 'jaune', 'amarillo', 'amarilla'],
  ['pink', 'rosa', 'rose', 'rosado', 'rosada'],
  ['orange', 'naranja'],
  ['purple', 'violet', 'violette', 'violett', 'lila', 'morado', 'morada', 'violeta', 'purpura'],
  ['navy', 'marine', 'marineblau', 'marino'],
  ['beige'],
  ['silver', 'silber', 'argent', 'argente', 'argentee', 'plata', 'plateado', 'plateada'],
  ['gold', 'golden', 'dore', 'doree', 'dorado', 'dorada', 'oro'],
  ['turquoise', 'turkis', 'tuerkis', 'turquesa'],
  ['charcoal', 'anthracite', 'anthrazit', 'antracita'],
  ['olive', 'oliv', 'oliva'],
  ['teal', 'petrol'],
  ['khaki', 'kaki', 'caqui'],
  ['tan'],
  ['copper', 'kupfer', 'cuivre', 'cobre'],
];
const COLOUR_OF = new Map(COLOUR_GROUPS.flatMap((group, i) => group.map((name) => [name, i] as const)));

/** German adjective endings ("blaue", "roten") and plurals ("reds"): tried only when the word itself is not a colour. */
const ENDINGS = ['e', 'en', 'er', 'es', 'em', 's'];

/** The colour a word names, as a group number; undefined when it names none. */
export function colourOf(word: string): number | undefined {
  const own = COLOUR_OF.get(word);
  if (own !== undefined || word.length < 4) return own;
  for (const end of ENDINGS) {
    if (!word.endsWith(end)) continue;
    const stem = COLOUR_OF.get(word.slice(0, -end.length));
    if (stem !== undefined) return stem;
  }
  return undefined;
}
