/**
 * What `on(event, fn)` can listen to, and what each listener is given: a
 * typo in an event name or a detail field is a compile error.
 */
import type { CartLine, ErrorCode, ProductCard, ServerEvent } from '@contoso-voice/protocol';
import type { ToolCallDetail } from './tools/tool-calls.js';
import type { ShopEvent } from './analytics.js';

export interface VoiceEvents {
  /**
   * Something to put in the shop's cart (also a DOM CustomEvent on <contoso-voice>): the shopper pressed "Add to cart"
   * on a card (`source: 'card'`), or the assistant added it and the page registered no `add_to_cart` tool (`'assistant'`,
   * with the variant and the line the gateway checked against the catalog).
   */
  add_to_cart: { productId: string; variantId?: string; quantity: number; product: ProductCard; line?: CartLine; source: 'card' | 'assistant' };
  /** The assistant removed something, or the shopper pressed Undo, and the page registered no `remove_from_cart` tool (also a DOM event). */
  remove_from_cart: { productId: string; variantId?: string; quantity?: number; name?: string };
  /** A client tool the model called, once the page has answered it: its output, or the error the model was told. */
  tool_call: ToolCallDetail;
  /** The cards of a suggestion. */
  products: ProductCard[];
  /** A gateway.error: its stable code and the message for the shopper. */
  error: { code: ErrorCode; message: string };
  open: undefined;
  close: undefined;
  /** A barge-in: what had been played of the item, and where the gateway was told to cut it. */
  interrupted: { itemId: string; playedSamples: number; receivedSamples: number; audioEndMs: number };
  /** Every server event, as it arrives. */
  event: ServerEvent;
  /** A GA4-shaped ecommerce event (view_item_list, select_item, add_to_cart, remove_from_cart) with the conversation id; also the DOM event `contoso-voice:analytics`. */
  analytics: ShopEvent;
}

export type VoiceEventName = keyof VoiceEvents;
export type VoiceListener<K extends VoiceEventName> = (detail: VoiceEvents[K]) => void;
