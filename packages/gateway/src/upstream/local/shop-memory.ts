/**
 * What the engine remembers of the shop from its own conversation: the
 * products the tools showed, the cart the page last reported, and a variant
 * the gateway asked the shopper to choose. A real model reads the same
 * function_call_output items; nothing here is kept outside the conversation.
 */
import type { ConversationItem } from './conversation.js';
import { toVariant, type Variant } from './variant-match.js';

export type Json = Record<string, unknown>;

/** One tool call of the engine's, with its output once the gateway sent it. */
export interface ToolUse {
  name: string;
  args: Json;
  output?: Json;
}

export interface ShownProduct {
  id: string;
  name: string;
  variants: Variant[];
}

export interface CartItem {
  product_id: string;
  variant_id?: string;
  name?: string;
  quantity?: number;
}

const parse = (text: string): Json => {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
};

/** An output without its call (a session re-seeded from an earlier one) is named by its shape. */
export function nameByShape(out: Json): string {
  if (Array.isArray(out.results)) return 'search_products';
  if ('added' in out || 'reason' in out || 'say' in out) return 'add_to_cart';
  if ('removed' in out) return 'remove_from_cart';
  if ('cart' in out) return 'get_cart';
  if ('shown' in out) return 'show_product';
  if (out.product && typeof out.product === 'object') return 'get_product';
  return 'unknown';
}

/** The tool calls in `items`, in order, each paired with its output by call_id. */
export function toolUses(items: readonly ConversationItem[]): ToolUse[] {
  const uses: ToolUse[] = [];
  const byCall = new Map<string, ToolUse>();
  for (const item of items) {
    if (item.type === 'function_call') {
      const use: ToolUse = { name: item.name, args: parse(item.arguments) };
      byCall.set(item.call_id, use);
      uses.push(use);
    } else if (item.type === 'function_call_output') {
      const output = parse(item.output);
      const use = byCall.get(item.call_id);
      if (use) use.output = output;
      else uses.push({ name: nameByShape(output), args: {}, output });
    }
  }
  return uses;
}

function asProduct(raw: unknown, variants?: unknown): ShownProduct | null {
  if (!raw || typeof raw !== 'object') return null;
  const p = raw as Json;
  if (typeof p.id !== 'string' || typeof p.name !== 'string') return null;
  const list = Array.isArray(variants) ? variants : Array.isArray(p.variants) ? p.variants : [];
  return { id: p.id, name: p.name, variants: list.map(toVariant).filter((v): v is Variant => v !== null) };
}

/** The products one output shows, best first: a search's results, a product's details, or the product a "which one?" was about. */
export function productsIn(use: ToolUse): ShownProduct[] {
  const out = use.output;
  if (!out) return [];
  if (use.name === 'search_products' && Array.isArray(out.results)) return out.results.map((r) => asProduct(r)).filter((p): p is ShownProduct => p !== null);
  if (use.name === 'get_product') return [asProduct(out.product)].filter((p): p is ShownProduct => p !== null);
  if (use.name === 'add_to_cart' && out.reason && out.product) return [asProduct(out.product, out.options)].filter((p): p is ShownProduct => p !== null);
  return [];
}

/** The products shown most recently: what "those", "it" and "the blue one" point at. */
export function recentProducts(uses: ToolUse[]): ShownProduct[] {
  for (let i = uses.length - 1; i >= 0; i--) {
    const products = productsIn(uses[i]!);
    if (products.length) return products;
  }
  return [];
}

/** The cart as the page last reported it, if it did. */
export function latestCart(uses: ToolUse[]): CartItem[] | undefined {
  for (let i = uses.length - 1; i >= 0; i--) {
    const cart = uses[i]!.name === 'get_cart' ? (uses[i]!.output?.cart as { items?: unknown } | undefined) : undefined;
    if (cart && Array.isArray(cart.items)) return cart.items.filter((x): x is CartItem => !!x && typeof (x as CartItem).product_id === 'string');
  }
  return undefined;
}

export interface PendingChoice {
  product: ShownProduct;
  /** The quantity the shopper asked for when the gateway said "which one?". */
  quantity?: number;
}

/** The add the gateway answered with "which one?" (choose_variant), when it is the latest add of the conversation. */
export function pendingChoice(uses: ToolUse[]): PendingChoice | undefined {
  for (let i = uses.length - 1; i >= 0; i--) {
    const use = uses[i]!;
    if (use.name !== 'add_to_cart' || !use.output) continue;
    if (use.output.reason !== 'choose_variant') return undefined;
    const shown = productsIn(use)[0];
    const id = shown?.id ?? (typeof use.args.product_id === 'string' ? use.args.product_id : undefined);
    if (!id) return undefined;
    const quantity = typeof use.args.quantity === 'number' ? use.args.quantity : undefined;
    return { product: shown ?? { id, name: id, variants: [] }, quantity };
  }
  return undefined;
}

/** Product names the conversation has seen, for replies about outputs that carry only an id. */
export function knownNames(uses: ToolUse[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const use of uses) {
    for (const p of productsIn(use)) names.set(p.id, p.name);
    if (use.name === 'get_cart') for (const item of latestCart([use]) ?? []) if (item.name) names.set(item.product_id, item.name);
  }
  return names;
}

/** Variants by id as the shopper would say them ("Red / M"), so "sold out" can say which one. */
export function knownVariantLabels(uses: ToolUse[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const use of uses) for (const p of productsIn(use)) for (const v of p.variants) labels.set(v.id, Object.values(v.options).join(' / '));
  return labels;
}
