/**
 * What the built-in shop actions do on a page that registered no handler of
 * its own: the widget's `add_to_cart` / `remove_from_cart` events (and DOM
 * events on <contoso-voice>), the cart from setContext, and navigation to a
 * product page on the shop's own origin.
 */
import type { BuiltInToolArgs, PageContext } from '@contoso-voice/protocol';
import type { VoiceEvents } from '../voice-events.js';
import type { ToolHandler } from './tool-calls.js';
import type { createEmitter } from '../emitter.js';

type Emit = ReturnType<typeof createEmitter<VoiceEvents>>['emit'];
type Any = Record<string, any>;

/**
 * A page shows it has a cart by sharing it (setContext) or listening to add_to_cart; on any other page the
 * assistant must not say "added" when nothing happened, so the model is told to point to the page's own buttons.
 */
export function defaultTools(emit: Emit, cart: () => PageContext['cart'], pageListens: () => boolean): Record<string, ToolHandler> {
  const noCart = () => {
    if (cart() === undefined && !pageListens()) throw new Error('this page has no cart the assistant can use');
  };
  return {
    add_to_cart(line: BuiltInToolArgs['add_to_cart']) {
      noCart();
      const product = { id: line.product_id, name: line.name, price: line.price, currency: line.currency, image: line.image, url: line.url, reason: '' };
      emit('add_to_cart', { productId: line.product_id, variantId: line.variant_id, quantity: line.quantity, product, line, source: 'assistant' });
      return { added: true };
    },
    remove_from_cart(a: BuiltInToolArgs['remove_from_cart']) {
      noCart();
      emit('remove_from_cart', { productId: a.product_id, variantId: a.variant_id, quantity: a.quantity, name: a.name });
      return { removed: true };
    },
    get_cart() {
      const c = cart() as Any | undefined;
      if (c === undefined) throw new Error('the page has not shared its cart');
      const items: Any[] = Array.isArray(c) ? c : Array.isArray(c?.items) ? c.items : [];
      // A page's own shape ({id, quantity}) gets the product_id the model reads.
      return { items: items.map((i) => ({ product_id: i.product_id ?? i.id, ...i })) };
    },
    show_product(a: BuiltInToolArgs['show_product']) {
      const target = new URL(a.path ? location.origin + a.path : a.url, location.href);
      if (target.origin !== location.origin) throw new Error('the product page is not on this shop');
      // After the result has gone: the conversation carries on on the next page.
      setTimeout(() => location.assign(target.href), 150);
      return { shown: true };
    },
  };
}
