/**
 * What the local engine makes of a shopper's text. It is a keyword reader,
 * not a language model: enough to pick the right tool with sensible
 * arguments for the questions shoppers actually ask.
 */

export type Plan =
  | { kind: 'tool'; name: 'search_products'; args: { query: string; category?: string; max_price?: number } }
  | { kind: 'tool'; name: 'get_store_policy'; args: { topic: 'shipping' | 'returns' } }
  | { kind: 'greeting' }
  | { kind: 'thanks' };

const CATEGORY_WORDS: [RegExp, string][] = [
  [/\b(tents?|shelters?)\b/, 'tents'],
  [/\b(backpacks?|rucksacks?|daypacks?|packs?)\b/, 'backpacks'],
  [/\bsleeping\s*bags?\b|\bquilts?\b/, 'sleeping-bags'],
  [/\b(boots?|shoes?|footwear|trail runners?|slip-?ons?)\b/, 'hiking-footwear'],
  [/\b(jackets?|pants|trousers|fleece|base ?layers?|hoodies?|shirts?|clothing|clothes|puffy)\b/, 'hiking-clothing'],
  [/\btables?\b/, 'camping-tables'],
  [/\b(stoves?|burners?|cookers?)\b/, 'camping-stoves'],
  [/\b(headlamps?|head torch(es)?|lanterns?|lights?|torch(es)?|flashlights?)\b/, 'lighting'],
];

const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** "one hundred and fifty" -> 150; null when the words are not a number. */
export function wordsToNumber(words: string[]): number | null {
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w === 'and' || w === 'a') continue;
    if (w in UNITS) current += UNITS[w]!;
    else if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else return null;
    any = true;
  }
  return any ? total + current : null;
}

const PRICE_CAP = /\b(?:under|below|less than|cheaper than|at most|up to|no more than|max(?:imum)?|within)\s+(?:\$\s*)?([0-9][0-9,.]*|[a-z -]+?)(?=\s*(?:\$|dollars?|bucks|usd)?\s*(?:[.,?!]|$|\b(?:for|with|that|and i|please)\b))/;

export function parsePriceCap(text: string): number | undefined {
  const m = PRICE_CAP.exec(text.toLowerCase());
  if (!m) return undefined;
  const raw = m[1]!.trim();
  if (/^[0-9]/.test(raw)) {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : undefined;
  }
  return wordsToNumber(raw.split(/[\s-]+/).filter(Boolean)) ?? undefined;
}

export function detectCategory(text: string): string | undefined {
  const lower = text.toLowerCase();
  return CATEGORY_WORDS.find(([re]) => re.test(lower))?.[1];
}

export function planFor(text: string): Plan {
  const lower = text.toLowerCase().trim();
  if (/\b(ship|shipping|deliver|delivery|postage|arrive)\b/.test(lower)) return { kind: 'tool', name: 'get_store_policy', args: { topic: 'shipping' } };
  if (/\b(return|returns|refund|exchange|send (it|them) back)\b/.test(lower)) return { kind: 'tool', name: 'get_store_policy', args: { topic: 'returns' } };
  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.,]*$/.test(lower)) return { kind: 'greeting' };
  if (/^(thanks|thank you|cheers|great|perfect)\b/.test(lower) && lower.length < 40) return { kind: 'thanks' };
  const category = detectCategory(lower);
  const maxPrice = parsePriceCap(lower);
  return {
    kind: 'tool',
    name: 'search_products',
    args: { query: text.trim().slice(0, 200), ...(category ? { category } : {}), ...(maxPrice !== undefined ? { max_price: maxPrice } : {}) },
  };
}
