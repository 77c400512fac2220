/**
 * Shop analytics: what the assistant showed and what went into the cart, as
 * the GA4 ecommerce events a shop's tags already read (view_item_list,
 * select_item, add_to_cart, remove_from_cart), each with the conversation id
 * so an order can be tied to the conversation that sold it. Always an
 * on('analytics') event and a DOM event; pushed to window.dataLayer only
 * when the site enables it (gateway.session) and, unless the site says its
 * own banner covers it, only after the page grants consent. Events before
 * consent are not kept for later. Nothing here makes a request or reads
 * anything about the shopper.
 */
import type { GatewaySessionEvent, ProductCard } from '@contoso-voice/protocol';
import type { createEmitter } from './emitter.js';
import type { VoiceEvents } from './voice-events.js';

type Emitter = ReturnType<typeof createEmitter<VoiceEvents>>;
type Line = { product_id?: string; id?: string; name?: string; price?: number; currency?: string; quantity?: number };

export interface ShopItem {
  item_id: string;
  item_name?: string;
  price?: number;
  quantity: number;
}

export interface ShopEvent {
  event: 'view_item_list' | 'select_item' | 'add_to_cart' | 'remove_from_cart';
  conversation_id: string | null;
  ecommerce: { currency?: string; value: number; items: ShopItem[] };
}

export function shopAnalytics(events: Emitter) {
  let id: string | null = null;
  let dataLayer: GatewaySessionEvent['data_layer'];
  let granted = false;
  const cards: Record<string, ProductCard> = {};
  const track = (event: ShopEvent['event'], lines: Line[]) => {
    let value = 0;
    const items = lines.map((l) => {
      const quantity = l.quantity ?? 1;
      value += (l.price ?? 0) * quantity;
      return { item_id: (l.product_id ?? l.id)!, item_name: l.name, price: l.price, quantity };
    });
    const detail: ShopEvent = { event, conversation_id: id, ecommerce: { currency: lines[0]?.currency, value, items } };
    events.emit('analytics', detail);
    // GA4 asks for the previous ecommerce object to be cleared before each event.
    if (dataLayer && (granted || dataLayer == 'always')) ((window as unknown as { dataLayer?: unknown[] }).dataLayer ??= []).push({ ecommerce: null }, detail);
  };
  events.on('event', (e) => void (e.type == 'gateway.session' && ((id = e.session_id), (dataLayer = e.data_layer))), true);
  events.on('products', (shown) => track('view_item_list', shown.map((c) => (cards[c.id] = c))), true);
  // The assistant's cart changes, whoever's handler ran them; a card's own button, below.
  events.on('tool_call', (d) => void (!d.error && /^(add_to|remove_from)_cart$/.test(d.name) && track(d.name as ShopEvent['event'], [d.arguments])), true);
  events.on('add_to_cart', (d) => void (d.source == 'card' && track('add_to_cart', [{ ...d.product, quantity: d.quantity }])), true);
  return {
    /** The conversation this tab is in, for the shop to stamp into its order; null before the first. */
    conversationId: () => id,
    /** The page's consent to analytics: `push(['consent', {analytics: true}])`. */
    consent: (c?: { analytics?: boolean }) => void (granted = c?.analytics === true),
    /** A card's link was opened (its product id): select_item. */
    cardOpened: (cardId?: string | null) => void (cardId && cards[cardId] && track('select_item', [cards[cardId]])),
  };
}
