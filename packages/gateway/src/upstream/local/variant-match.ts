/**
 * Picks a product's variant from the option words a shopper said. The
 * engine names a variant_id only when exactly one variant fits; otherwise
 * it passes what was named as `options` and lets the gateway, which owns the
 * catalog, answer "which size?" or "not in that colour".
 */
import { measureLabel } from './measure-words.js';
import { namesValue, optionKind, plain } from './shop-words.js';

export interface Variant {
  id: string;
  options: Record<string, string>;
  availability?: string;
}

const NOT_OPTIONS = new Set(['id', 'variant_id', 'price', 'availability', 'currency', 'more_variants']);

/** A variant as the tools show it: `{id, color: "Blue", size: "M", price, availability}`, or with its options nested. */
export function toVariant(raw: unknown): Variant | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : typeof r.variant_id === 'string' ? r.variant_id : null;
  if (!id) return null;
  const nested = r.options && typeof r.options === 'object' ? (r.options as Record<string, unknown>) : r;
  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries(nested)) if (!NOT_OPTIONS.has(k) && typeof v === 'string') options[k] = v;
  return { id, options, availability: typeof r.availability === 'string' ? r.availability : undefined };
}

const KEY_KIND: [RegExp, 'size' | 'colour'][] = [
  [/colou?r|farbe|couleur/i, 'colour'],
  [/size|gr(o|ö)(ss|ß)e|taille|talla|tama/i, 'size'],
];
const kindOfKey = (key: string) => KEY_KIND.find(([re]) => re.test(key))?.[1];

export interface VariantChoice {
  /** What to pass to add_to_cart besides the product and quantity. */
  args: { variant_id: string } | { options: Record<string, string> } | Record<string, never>;
  /** The shopper's words that named an option, so they are not read as a product's name. */
  used: Set<string>;
}

/** The variant (or the options) the words name among `variants`. */
export function chooseVariant(variants: Variant[], words: string[]): VariantChoice {
  const used = new Set<string>();
  if (variants.length === 0) return { args: {}, used };
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  const named: Record<string, string> = {};
  for (const key of keys) {
    const values = [...new Set(variants.map((v) => v.options[key]).filter((v): v is string => typeof v === 'string'))];
    const hits = values.filter((value) => words.some((w) => namesValue(w, value)));
    // Two values of one option ("blue" and "red") say nothing certain about it.
    if (hits.length === 1) {
      named[key] = hits[0]!;
      for (const w of words) if (namesValue(w, hits[0]!)) used.add(w);
    }
  }
  // A size or colour the product does not come in is still passed on, so the gateway can say it does not.
  for (const w of words) {
    const kind = optionKind(w);
    if (!kind || used.has(w)) continue;
    const key = keys.find((k) => kindOfKey(k) === kind && !(k in named));
    if (key) {
      named[key] = measureLabel(w) ?? (w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1));
      used.add(w);
    }
  }
  if (Object.keys(named).length === 0) return { args: {}, used };
  const fits = variants.filter((v) => Object.entries(named).every(([k, value]) => plain(v.options[k] ?? '') === plain(value)));
  if (fits.length === 1) return { args: { variant_id: fits[0]!.id }, used };
  return { args: { options: named }, used };
}
