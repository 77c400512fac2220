/**
 * What the local engine makes of a shopper's text. It is a keyword reader,
 * not a language model: enough to pick the right tool with sensible
 * arguments for the questions shoppers actually ask.
 */

import type { ShopView } from './shop-view.js';

export type Plan =
  | { kind: 'tool'; name: 'search_products'; args: { query: string; category?: string; max_price?: number } }
  | { kind: 'tool'; name: 'get_store_policy'; args: { topic: string } }
  | { kind: 'greeting' }
  | { kind: 'thanks' };

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

/** Folded for matching: lower case, no accents, a plural's final "s" gone. */
const fold = (word: string) => {
  const w = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
};
const wordsOf = (text: string) => text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(fold);

/** "Headlamps and lanterns" is named by "headlamp" or by "lantern"; "Sleeping bags" only by both its words. */
function alternatives(category: string): string[][] {
  return category.split(/\s+(?:and|&|und|et|y|e)\s+|\s*[,/]\s*/i).map(wordsOf).filter((ws) => ws.length > 0);
}

/** The shop category the text names: "bike lights" names "Lights"; the most specific name wins. */
export function detectCategory(text: string, categories: string[]): string | undefined {
  const words = new Set(wordsOf(text));
  const named = (c: string) => alternatives(c).some((ws) => ws.every((w) => words.has(w)));
  return categories.filter(named).sort((a, b) => b.length - a.length)[0];
}

// Folded text (no accents), so "expédition" is matched as "expedition". English, French, German and Spanish.
const SHIPPING = /\b(ship|shipping|deliver|delivery|postage|arrive|livraison|livrer|expedition|frais de port|versand|lieferung|liefern|porto|envio|entrega)\b/;
const RETURNS = /\b(return|returns|refund|exchange|send (it|them) back|retour|retours|rembourse\w*|echange|ruckgabe|umtausch|erstattung|devolucion|devolver|reembolso)\b/;
const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening)|bonjour|bonsoir|salut|hallo|guten (tag|morgen|abend)|hola|buenos dias|buenas)\b[\s!.,]*$/;
const WHO = /\b(who are you|what (shop|store) is this|what can you do|qui etes[- ]vous|qui es[- ]tu|wer bist du|wer sind sie|quien eres)\b/;
const THANKS = /^(thanks|thank you|cheers|great|perfect|merci|danke|gracias)\b/;

function policyTopic(lower: string, topics: string[]): string | undefined {
  const named = topics.find((t) => new RegExp(`\\b${t.replace(/[-_]/g, '.')}`).test(lower));
  if (named) return named;
  if (SHIPPING.test(lower)) return topics.find((t) => t === 'shipping' || t === 'delivery');
  if (RETURNS.test(lower)) return topics.find((t) => t === 'returns' || t === 'refunds');
  return undefined;
}

export function planFor(text: string, shop: ShopView = { shopName: null, categories: [], policyTopics: [], language: 'en' }): Plan {
  const lower = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const topic = policyTopic(lower, shop.policyTopics);
  if (topic) return { kind: 'tool', name: 'get_store_policy', args: { topic } };
  if (GREETING.test(lower) || WHO.test(lower)) return { kind: 'greeting' };
  if (THANKS.test(lower) && lower.length < 40) return { kind: 'thanks' };
  const category = detectCategory(text, shop.categories);
  const maxPrice = parsePriceCap(lower);
  return {
    kind: 'tool',
    name: 'search_products',
    args: { query: text.trim().slice(0, 200), ...(category ? { category } : {}), ...(maxPrice !== undefined ? { max_price: maxPrice } : {}) },
  };
}
