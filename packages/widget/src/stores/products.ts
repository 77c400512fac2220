import { atom } from 'nanostores';
import type { ProductCard } from '@contoso-voice/protocol';
import type { ChatMessage } from './messages.js';

export function createProductsStore() {
  /** The cards of the latest suggestion; the conversation keeps earlier ones in place. */
  return { $products: atom<ProductCard[]>([]) };
}

/**
 * Cards arrive from the search, before the answer that talks about them; they
 * wait at the end of the conversation (`waiting`) and the answer's first
 * words are placed before them, so a shopper reads the answer, then its cards.
 */
export function beforeWaitingCards(list: ChatMessage[], message: ChatMessage): ChatMessage[] {
  let i = list.length;
  while (i > 0 && list[i - 1]!.waiting) i--;
  return [...list.slice(0, i), message, ...list.slice(i).map((m) => ({ ...m, waiting: false }))];
}
