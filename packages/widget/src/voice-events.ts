/**
 * What `on(event, fn)` can listen to, and what each listener is given: a
 * typo in an event name or a detail field is a compile error.
 */
import type { ErrorCode, ProductCard, ServerEvent } from '@contoso-voice/protocol';

export interface VoiceEvents {
  /** The shopper pressed "Add to cart" on a card (also a DOM CustomEvent on <contoso-voice>). */
  add_to_cart: { productId: string; quantity: number; product: ProductCard };
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
}

export type VoiceEventName = keyof VoiceEvents;
export type VoiceListener<K extends VoiceEventName> = (detail: VoiceEvents[K]) => void;
