/**
 * The engine's answers to the shop tools' outputs: what was added or
 * removed, what the cart holds, which variant to choose, and why an add was
 * refused. Like reply.ts it says only what the outputs say, and writes
 * prices the shop's way.
 */
import { moneyIn } from './reply.js';
import type { CartItem, Json } from './shop-memory.js';
import { toVariant, type Variant } from './variant-match.js';

export const SHOP_TOOLS = new Set(['add_to_cart', 'remove_from_cart', 'get_cart', 'show_product']);

/** "A, B and C". */
const listOf = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

const label = (v: Variant) => Object.values(v.options).join(' / ');
const marked = (text: string, v: Variant) => (v.availability === 'out_of_stock' ? `${text} (sold out)` : text);

/** "Which size would you like: S, M or L?" when one option is left to choose; every variant named otherwise. */
export function chooseReply(rawOptions: unknown, name?: string): string {
  const variants = (Array.isArray(rawOptions) ? rawOptions : []).map(toVariant).filter((v): v is Variant => v !== null);
  if (variants.length === 0) return `Which one would you like${name ? ` of the ${name}` : ''}? Tell me the size or colour.`;
  const keys = [...new Set(variants.flatMap((v) => Object.keys(v.options)))];
  const varying = keys.filter((k) => new Set(variants.map((v) => v.options[k])).size > 1);
  if (varying.length === 1) {
    const key = varying[0]!;
    const values = [...new Map(variants.map((v) => [v.options[key], v] as const)).values()].map((v) => marked(v.options[key] ?? '', v));
    return `Which ${key} would you like: ${listOf(values).replace(/ and ([^,]*)$/, ' or $1')}?`;
  }
  return `Which one would you like? It comes in ${listOf(variants.slice(0, 8).map((v) => marked(label(v), v)))}.`;
}

/** What a reply may know besides the output: the shop's language, names seen earlier, and the call's own arguments. */
export interface ReplyContext {
  language?: string;
  names?: Map<string, string>;
  /** Variant labels ("Red / M") by variant id. */
  labels?: Map<string, string>;
  /** The arguments of the call this output answers. */
  args?: Json;
}

/** Why the gateway would not add it, in words: reasons as the contract names them. */
function refusedReply(out: Json, ctx: ReplyContext): string {
  const product = out.product && typeof out.product === 'object' ? (out.product as Json) : {};
  const name = str(product.name) ?? ctx.names?.get(ctx.args?.product_id as string);
  const asked = ctx.labels?.get(ctx.args?.variant_id as string);
  const the = name ? `the ${name}${asked ? ` in ${asked}` : ''}` : 'it';
  const inStock = (Array.isArray(out.options) ? out.options : []).map(toVariant).filter((v): v is Variant => !!v && v.availability !== 'out_of_stock');
  switch (out.reason) {
    case 'choose_variant':
      return chooseReply(out.options, name);
    case 'sold_out':
      return `Sorry, ${the} is sold out, so I haven't added it.${inStock.length ? ` It is still available in ${listOf(inStock.slice(0, 6).map(label))}.` : ''}`;
    case 'unknown_variant':
      return `Sorry, ${the} doesn't come in that option.${Array.isArray(out.options) && out.options.length ? ` ${chooseReply(out.options, name)}` : ''}`;
    case 'unknown_product':
      return "Sorry, I couldn't find that product in our catalog, so nothing was added.";
    case 'quantity':
      return `Sorry, I can't add that quantity${name ? ` of the ${name}` : ''}. Could you choose a different number?`;
    default:
      return "Sorry, that didn't work just now. Please try again, or use the buttons on the page.";
  }
}

const lineOf = (q: unknown, name: string, variant?: string) => {
  const n = typeof q === 'number' && q > 1 ? q : 1;
  return `${n > 1 ? `${n} × ` : 'the '}${name}${variant ? ` (${variant})` : ''}`;
};

function cartContents(cart: Json, language: string, names: Map<string, string>): string {
  const items = (Array.isArray(cart.items) ? cart.items : []) as (CartItem & { price?: unknown; currency?: unknown; variant?: unknown })[];
  if (items.length === 0) return 'Your cart is empty.';
  const money = moneyIn(language);
  const lines = items.slice(0, 8).map((i) => {
    const name = str(i.name) ?? names.get(i.product_id) ?? i.product_id;
    const q = typeof i.quantity === 'number' && i.quantity > 0 ? i.quantity : 1;
    const price = typeof i.price === 'number' && typeof i.currency === 'string' ? ` (${money({ price: i.price, currency: i.currency })} each)` : '';
    return `${q} × ${name}${str(i.variant) ? ` (${i.variant as string})` : ''}${price}`;
  });
  const more = items.length > 8 ? ` and ${items.length - 8} more` : '';
  return `Your cart has ${listOf(lines)}${more}.`;
}

/** The answer to one shop tool's output; null when the output is not a shop tool's. */
export function cartReply(out: Json, tool: string, ctx: ReplyContext = {}): string | null {
  if (!SHOP_TOOLS.has(tool)) return null;
  const names = ctx.names ?? new Map<string, string>();
  if (str(out.say)) return out.say as string;
  if (out.added && typeof out.added === 'object') {
    const a = out.added as Json;
    return `I've added ${lineOf(a.quantity, str(a.name) ?? names.get(a.product_id as string) ?? 'it', str(a.variant))} to your cart.`;
  }
  if (out.removed && typeof out.removed === 'object') {
    const r = out.removed as Json;
    const name = str(r.name) ?? names.get(r.product_id as string);
    return name ? `I've removed ${lineOf(r.quantity, name, str(r.variant))} from your cart.` : "I've removed it from your cart.";
  }
  if (out.shown && typeof out.shown === 'object') {
    const name = str((out.shown as Json).name);
    return name ? `Here is the ${name}.` : 'Here it is.';
  }
  if (out.cart && typeof out.cart === 'object') return cartContents(out.cart as Json, ctx.language ?? 'en', names);
  return refusedReply(out, ctx);
}

/** When the site does not let the assistant do it: the gateway declares shop tools only where a site allows them. */
export function cannotHere(tool: string): string {
  switch (tool) {
    case 'add_to_cart':
      return "I can't add things to your cart here. Please use the Add to cart button on the product.";
    case 'remove_from_cart':
      return "I can't change your cart here. Please remove it in the cart on the page.";
    case 'get_cart':
      return "I can't see your cart here. Please open the cart on the page.";
    case 'show_product':
      return "I can't open product pages here, but I can tell you about the product.";
    default:
      return "I can't do that here.";
  }
}

export const whichProductReply = () => 'Which product would you like? Tell me its name, or ask me to find something first.';
export const notFoundReply = (names: string[]) =>
  `I couldn't find ${names.length ? `"${names.join(' ')}"` : 'that'} in our catalog. Could you tell me its name another way?`;
export const cartMissReply = (words: string[], empty: boolean) =>
  empty ? 'Your cart is empty, so there is nothing to remove.' : `I couldn't find ${words.length ? `a ${words.join(' ')}` : 'that'} in your cart.`;
export const whichCartItemReply = (items: CartItem[], names: Map<string, string>) =>
  `Which one should I remove: ${listOf(items.slice(0, 4).map((i) => `the ${i.name ?? names.get(i.product_id) ?? i.product_id}`)).replace(/ and ([^,]*)$/, ' or $1')}?`;
