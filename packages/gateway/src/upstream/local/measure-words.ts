/**
 * Sizes that are measures: "24 cm", "28cm", "1,5 l", '12"'. A shopper's
 * "28 cm", "28cm" or a bare "28" names the catalog's "28 cm"; "28 mm" does
 * not. In the shopper's words a number and its unit are one word ("28cm"),
 * so "add 28 cm" is not read as a quantity of 28.
 */

const UNIT_NAMES: Record<string, string[]> = {
  cm: ['cm', 'zentimeter', 'centimeter', 'centimeters', 'centimetre', 'centimetres', 'centimetro', 'centimetros'],
  mm: ['mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres', 'milimetro', 'milimetros'],
  m: ['m', 'meter', 'meters', 'metre', 'metres', 'metro', 'metros'],
  l: ['l', 'ltr', 'liter', 'liters', 'litre', 'litres', 'litro', 'litros'],
  ml: ['ml', 'milliliter', 'milliliters', 'millilitre', 'millilitres', 'mililitro', 'mililitros'],
  cl: ['cl'],
  dl: ['dl'],
  in: ['in', 'inch', 'inches', 'zoll', 'pouce', 'pouces', 'pulgada', 'pulgadas', '"', "''", '”', '″'],
  g: ['g', 'gramm', 'gram', 'grams', 'gramme', 'grammes', 'gramo', 'gramos'],
  kg: ['kg', 'kilo', 'kilos', 'kilogramm', 'kilogram', 'kilograms'],
};
const UNIT_OF = new Map(Object.entries(UNIT_NAMES).flatMap(([unit, names]) => names.map((name) => [name, unit] as const)));

/**
 * Units joined to the number before them in the shopper's words. Not "in"
 * ("add 2 in red"), nor "m" (size M); "l" only where a number before it is
 * not a quantity ("add 2 L" is two large ones, "the 2 l one" a measure).
 */
const JOINED = new Set([...UNIT_OF.keys()].filter((name) => name !== 'in' && name !== 'm' && !/^\W/.test(name)));

export interface Measure {
  n: number;
  unit?: string;
}

const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const MEASURE = new RegExp(String.raw`^(?:ø|⌀)?\s*${NUMBER}\s*([a-z]+|"|''|”|″)?\.?$`);

/** The number and unit of a text that is a measure and nothing else: "28 cm", "1,5 l", "28"; undefined otherwise. */
export function measureOf(text: string): Measure | undefined {
  const m = MEASURE.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const unit = m[2] === undefined ? undefined : UNIT_OF.get(m[2]);
  if (m[2] !== undefined && !unit) return undefined;
  return { n: Number(m[1]!.replace(',', '.')), unit };
}

/** Whether a shopper's word and a catalog value are the same measure; a word without a unit matches any unit. */
export function sameMeasure(word: string, value: string): boolean {
  const w = measureOf(word);
  const v = measureOf(value);
  if (!w || !v || w.n !== v.n) return false;
  return !w.unit || !v.unit || w.unit === v.unit;
}

/** A measure as a catalog would write it: "28cm" as "28 cm". */
export function measureLabel(word: string): string | undefined {
  const m = measureOf(word);
  return m?.unit ? `${m.n} ${m.unit}` : undefined;
}

const isNumber = (w: string | undefined) => !!w && /^\d+(?:\.\d+)?$/.test(w);

/** The inch mark after a number ('12"') as "inch", told apart from a closing quote ('add "Pan 12" please'). */
export function markInches(text: string): string {
  let open = false;
  return text.replace(/(\d?)("|“|”|″|'')/g, (all, digit: string, mark: string) => {
    const inch = `${digit}inch `;
    if (mark === '″' || mark === "''") return digit ? inch : all;
    if (mark === '“') return ((open = true), all);
    if (open) return ((open = false), all);
    if (digit) return inch;
    if (mark === '"') open = true;
    return all;
  });
}

/** The words with each number and the unit after it made one word: ["28", "cm"] as ["28cm"]. */
export function joinMeasures(words: string[], isQuantityVerb: (word: string) => boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    const unit = next !== undefined && JOINED.has(next);
    const quantity = next === 'l' && /^\d+$/.test(w) && i > 0 && isQuantityVerb(words[i - 1]!);
    if (isNumber(w) && unit && !quantity) {
      out.push(w + next);
      i++;
    } else out.push(w);
  }
  return out;
}
