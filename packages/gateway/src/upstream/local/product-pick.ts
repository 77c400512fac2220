/**
 * Which product or cart line the shopper's words point at. Names are
 * compared word by word, folded ("tents" names "Tent"), against the name and
 * the id, since a cart line may carry only an id such as "stove-pocket".
 */
import { fold, namesValue, optionKind, tokens } from './shop-words.js';
import type { CartItem, ShownProduct } from './shop-memory.js';

const wordsOf = (text: string) => new Set(tokens(text).map(fold));

/** The shopper's words split into a product's name and its options ("medium", "blue"). */
export function splitWords(words: string[], products: ShownProduct[]): { names: string[]; options: string[] } {
  const isOption = (w: string) => !!optionKind(w) || products.some((p) => p.variants.some((v) => Object.values(v.options).some((value) => namesValue(w, value))));
  return { names: words.filter((w) => !isOption(w)), options: words.filter(isOption) };
}

/** The shown product every name word belongs to, best ranked first; none when the words name something else. */
export function pickShown(names: string[], products: ShownProduct[]): ShownProduct | undefined {
  if (names.length === 0) return products[0];
  return products.find((p) => {
    const own = new Set([...wordsOf(p.name), ...wordsOf(p.id)]);
    return names.every((w) => own.has(fold(w)));
  });
}

export type CartPick = { item: CartItem } | { ambiguous: CartItem[] } | { none: true };

/** The cart line the words name ("the stove"); with no words, the only line, or the one just added. */
export function pickCartItem(words: string[], cart: CartItem[], names: Map<string, string>, lastAdded?: string): CartPick {
  if (cart.length === 0) return { none: true };
  if (words.length === 0) {
    const added = lastAdded ? cart.find((i) => i.product_id === lastAdded) : undefined;
    if (added) return { item: added };
    return cart.length === 1 ? { item: cart[0]! } : { ambiguous: cart };
  }
  const wanted = words.map(fold);
  const scored = cart.map((item) => {
    const own = new Set([...wordsOf(item.name ?? names.get(item.product_id) ?? ''), ...wordsOf(item.product_id), ...wordsOf(item.variant_id ?? '')]);
    return { item, score: wanted.filter((w) => own.has(w)).length };
  });
  const best = Math.max(...scored.map((s) => s.score));
  if (best === 0) return { none: true };
  const top = scored.filter((s) => s.score === best).map((s) => s.item);
  return top.length === 1 ? { item: top[0]! } : { ambiguous: top };
}
