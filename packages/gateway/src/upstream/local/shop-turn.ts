/**
 * Plans one shop action across tool rounds. The engine is asked again after
 * each round's outputs (the gateway sends response.create), so each step is
 * worked out afresh from the shopper's words and the calls made so far in
 * this turn: "add the Basecamp 4" is a search, then an add_to_cart with the
 * best result; "remove the stove" reads the cart first unless the
 * conversation already holds it.
 */
import { namedWords, readShopAction, type ShopAction } from './shop-actions.js';
import { knownNames, latestCart, pendingChoice, productsIn, recentProducts, type Json, type PendingChoice, type ShownProduct, type ToolUse } from './shop-memory.js';
import { pickCartItem, pickShown, splitWords } from './product-pick.js';
import { chooseVariant } from './variant-match.js';
import { namesValue, optionKind } from './shop-words.js';
import { cannotHere, cartMissReply, whichCartItemReply, whichProductReply, notFoundReply } from './cart-replies.js';

export type Step =
  | { kind: 'call'; name: string; args: Json }
  /** Answer from the outputs of the last round. */
  | { kind: 'reply' }
  | { kind: 'say'; text: string };

type Action = ShopAction | { kind: 'choose'; words: string[]; quantity?: number; pending: PendingChoice };

export interface ShopTurn {
  text: string;
  /** Tool calls before this turn, for "those" and "the blue one". */
  history: ToolUse[];
  /** Tool calls already made in this turn, with their outputs. */
  turn: ToolUse[];
  declared: Set<string>;
}

const NEEDS: Record<Action['kind'], string> = { add: 'add_to_cart', choose: 'add_to_cart', remove: 'remove_from_cart', show: 'show_product', cart: 'get_cart' };

/** The variants a "which one?" was about. Its output may list no options; the product as the search showed it still has them. */
const pendingVariants = (pending: PendingChoice, history: ToolUse[]) =>
  pending.product.variants.length ? pending.product.variants : (recentProducts(history).find((p) => p.id === pending.product.id)?.variants ?? []);

/**
 * "The blue one in medium", "28 cm" or a bare "28" after "which one?": every
 * word it names is an option of that product, or a size or colour.
 */
function readChoice(text: string, pending: PendingChoice | undefined, history: ToolUse[]): Action | null {
  if (!pending) return null;
  const { words, quantity } = namedWords(text);
  const variants = pendingVariants(pending, history);
  const isOption = (w: string) => !!optionKind(w) || variants.some((v) => Object.values(v.options).some((value) => namesValue(w, value)));
  return words.length > 0 && words.every(isOption) ? { kind: 'choose', words, quantity, pending } : null;
}

const last = (uses: ToolUse[], name: string) => [...uses].reverse().find((u) => u.name === name && u.output);

/** The product an add or show is about: the top result of this turn's search, a product already shown, or a search to make. */
function productFor(words: string[], s: ShopTurn): { product: ShownProduct; options: string[] } | Step {
  const searched = last(s.turn, 'search_products');
  const shown = searched ? productsIn(searched) : recentProducts(s.history);
  const { names, options } = splitWords(words, shown);
  if (searched) {
    const top = shown[0];
    return top ? { product: top, options } : { kind: 'say', text: notFoundReply(names) };
  }
  const picked = pickShown(names, shown);
  if (picked) return { product: picked, options };
  if (names.length === 0) return { kind: 'say', text: whichProductReply() };
  if (!s.declared.has('search_products')) return { kind: 'say', text: notFoundReply(names) };
  return { kind: 'call', name: 'search_products', args: { query: names.join(' ').slice(0, 200) } };
}

function planAdd(words: string[], quantity: number | undefined, s: ShopTurn): Step {
  if (s.turn.some((u) => u.name === 'add_to_cart')) return { kind: 'reply' };
  const found = productFor(words, s);
  if ('kind' in found) return found;
  const choice = chooseVariant(found.product.variants, found.options);
  return { kind: 'call', name: 'add_to_cart', args: { product_id: found.product.id, ...choice.args, quantity: quantity ?? 1 } };
}

function planChoose(a: Extract<Action, { kind: 'choose' }>, s: ShopTurn): Step {
  if (s.turn.some((u) => u.name === 'add_to_cart')) return { kind: 'reply' };
  const { product } = a.pending;
  const choice = chooseVariant(pendingVariants(a.pending, s.history), a.words);
  return { kind: 'call', name: 'add_to_cart', args: { product_id: product.id, ...choice.args, quantity: a.quantity ?? a.pending.quantity ?? 1 } };
}

function planShow(words: string[], s: ShopTurn): Step {
  if (s.turn.some((u) => u.name === 'show_product')) return { kind: 'reply' };
  const found = productFor(words, s);
  if ('kind' in found) return found;
  return { kind: 'call', name: 'show_product', args: { product_id: found.product.id } };
}

function planRemove(words: string[], quantity: number | undefined, s: ShopTurn): Step {
  if (s.turn.some((u) => u.name === 'remove_from_cart')) return { kind: 'reply' };
  const fresh = latestCart(s.turn);
  const cart = fresh ?? latestCart(s.history);
  if (cart) {
    const lastAdded = [...s.history].reverse().find((u) => u.name === 'add_to_cart' && u.output?.added)?.args.product_id as string | undefined;
    const pick = pickCartItem(words, cart, knownNames([...s.history, ...s.turn]), lastAdded);
    if ('item' in pick) {
      const { product_id, variant_id } = pick.item;
      return { kind: 'call', name: 'remove_from_cart', args: { product_id, ...(variant_id ? { variant_id } : {}), ...(quantity ? { quantity } : {}) } };
    }
    // A cart the page just reported is the truth; an older one may be out of date, so it is read again.
    if (fresh && 'ambiguous' in pick) return { kind: 'say', text: whichCartItemReply(pick.ambiguous, knownNames([...s.history, ...s.turn])) };
    if (fresh) return { kind: 'say', text: cartMissReply(words, cart.length === 0) };
  }
  if (!s.declared.has('get_cart')) return { kind: 'say', text: cannotHere('get_cart') };
  return { kind: 'call', name: 'get_cart', args: {} };
}

/** The next step of a shop action in this turn, or null when the text asks for no shop action. */
export function planShopTurn(s: ShopTurn): Step | null {
  const read = readShopAction(s.text);
  // "Add the blue one in medium" after "which one?" is the same choice, and keeps the quantity asked for then.
  const action: Action | null = (!read || read.kind === 'add' ? readChoice(s.text, pendingChoice(s.history), s.history) : null) ?? read;
  if (!action) return null;
  if (!s.declared.has(NEEDS[action.kind])) return { kind: 'say', text: cannotHere(NEEDS[action.kind]) };
  switch (action.kind) {
    case 'add':
      return planAdd(action.words, action.quantity, s);
    case 'choose':
      return planChoose(action, s);
    case 'show':
      return planShow(action.words, s);
    case 'remove':
      return planRemove(action.words, action.quantity, s);
    case 'cart':
      return s.turn.some((u) => u.name === 'get_cart' && u.output) ? { kind: 'reply' } : { kind: 'call', name: 'get_cart', args: {} };
  }
}
