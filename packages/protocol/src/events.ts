/**
 * Events on the widget <-> gateway socket: the GA Realtime events (types from
 * the `openai` package, imported type-only so nothing of it ships), plus our
 * `gateway.*` extensions.
 */
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { ErrorCode } from './codes.js';

export type { RealtimeClientEvent, RealtimeServerEvent };

/** Limits the gateway enforces on this session, announced in `gateway.session`. */
export interface SessionLimits {
  /** Largest WebSocket message accepted, in bytes. */
  max_message_bytes: number;
  /** Longest user text in one `conversation.item.create`, in characters. */
  max_text_chars: number;
  /** Largest `gateway.context` payload, in bytes of JSON. */
  max_context_bytes: number;
}

/** Always the first event on a new socket. */
export interface GatewaySessionEvent {
  type: 'gateway.session';
  session_id: string;
  site: string;
  upstream: UpstreamKind;
  /** `binary` when this client opted in to binary PCM16 audio frames downstream. */
  audio_down: AudioDownMode;
  limits: SessionLimits;
  /** Present this (`resume` query parameter) with the last `seq` seen to come back to this conversation. Single-use: each gateway.session brings a new one. */
  resume_token: string;
  /** Seconds a dropped socket has to come back to the same model session. */
  resume_grace_s: number;
  /**
   * How this socket's conversation began: `new`; `reattached` to the same
   * model session (what it missed follows, in order); or `reseeded` into a
   * new model session from the gateway's record of the conversation.
   */
  resumed: 'new' | 'reattached' | 'reseeded';
  /** Frames replayed after this event (reattached only). */
  replayed?: number;
  /** False when some of what the client missed was no longer held (audio beyond the window is not replayed). */
  replay_complete?: boolean;
  /** Whether the widget pushes its ecommerce events to window.dataLayer: after the page grants consent, or always (the site's own banner covers it); absent, never. */
  data_layer?: 'after_consent' | 'always';
}

export type UpstreamKind = 'local' | 'openai' | 'azure';
export type AudioDownMode = 'binary' | 'json';

/** A product card, from a tool result the shopper should see. */
export interface ProductCard {
  id: string;
  name: string;
  price: number;
  currency: string;
  image: string;
  url: string;
  /** The product page's path when it is on the shop's own origin: clients link it on the page's origin, where the cart and the conversation are. */
  path?: string;
  /** The shop's language tag (`de-DE`), for the price as the shop writes it. */
  locale?: string;
  availability?: 'in_stock' | 'out_of_stock' | 'preorder' | 'backorder';
  /** Why the assistant suggested it, in a few words (the search's own reason; for logs and custom UIs). */
  reason: string;
}

export interface GatewayProductsEvent {
  type: 'gateway.products';
  /** The response whose tool call found these products. */
  response_id: string | null;
  products: ProductCard[];
}

export interface GatewayErrorEvent {
  type: 'gateway.error';
  code: ErrorCode;
  message: string;
  /** The client event the error is about, when there is one. */
  event_id?: string | null;
  /** The offending field, for `field_not_allowed`. */
  param?: string | null;
}

/** Something the shopper should know that is not an error, such as the session nearing its time limit. */
export interface GatewayNoticeEvent {
  type: 'gateway.notice';
  /** `reseeded`: the model session was replaced (its time cap, or a fault) and given the conversation so far. */
  code: 'session_ending' | 'reseeded';
  message: string;
  seconds_left: number;
}

/**
 * The model called a tool the page runs. The arguments are checked against
 * the tool's schema (and, for the built-in shop actions, against the
 * catalog) before they are sent; answer with `gateway.tool_result` within
 * `timeout_ms`, or the model is told the page did not answer.
 */
export interface GatewayToolCallEvent {
  type: 'gateway.tool_call';
  call_id: string;
  name: string;
  arguments: Record<string, unknown>;
  timeout_ms: number;
}

/** The result of a server (HTTP) tool whose site file says the page may see it. */
export interface GatewayToolOutputEvent {
  type: 'gateway.tool_output';
  call_id: string;
  name: string;
  output: unknown;
}

export type GatewayServerEvent =
  | GatewaySessionEvent
  | GatewayProductsEvent
  | GatewayErrorEvent
  | GatewayNoticeEvent
  | GatewayToolCallEvent
  | GatewayToolOutputEvent;

/** One line of a cart, as the gateway resolved it from the catalog: `add_to_cart`'s arguments. */
export interface CartLine {
  product_id: string;
  /** Present when the product has variants: the one the shopper chose. */
  variant_id?: string;
  /** The variant's options, e.g. `{ "size": "M", "color": "Blue" }`. */
  options?: Record<string, string>;
  quantity: number;
  name: string;
  /** The variant's options as one label: "Blue / M". */
  variant?: string;
  /** Unit price, of the variant where it has one. */
  price: number;
  currency: string;
  image: string;
  /** The product page, absolute. */
  url: string;
  /** The product page's path, when it is on the shop's own origin: a page navigates there on its own origin. */
  path?: string;
}

/** Arguments of the built-in client tools, as the page's handlers get them. */
export interface BuiltInToolArgs {
  add_to_cart: CartLine;
  remove_from_cart: { product_id: string; variant_id?: string; quantity?: number; name?: string };
  get_cart: Record<string, never>;
  show_product: { product_id: string; name: string; url: string; path?: string };
}

/** What the built-in client tools' handlers return (any JSON object is accepted; these are what the model reads best). */
export interface BuiltInToolResults {
  add_to_cart: { added?: boolean; cart?: unknown; [key: string]: unknown };
  remove_from_cart: { removed?: boolean; cart?: unknown; [key: string]: unknown };
  get_cart: { items: { product_id: string; variant_id?: string; name?: string; quantity: number; price?: number }[]; [key: string]: unknown };
  show_product: { shown?: boolean; [key: string]: unknown };
}

/** Page context from the widget: untrusted data, bounded, never instructions. */
export interface PageContext {
  /** The shopper's language as the page gives it (BCP 47, `de-DE`): the widget's UI language, which the assistant answers in unless the site pins one. */
  language?: string;
  page?: { url?: string; title?: string; [key: string]: unknown };
  product?: Record<string, unknown>;
  cart?: Record<string, unknown> | unknown[];
  customer?: Record<string, unknown>;
}

export interface GatewayContextEvent {
  type: 'gateway.context';
  event_id?: string;
  context: PageContext;
}

/** The page's answer to a `gateway.tool_call`: a JSON `output`, or an `error` to tell the model about. */
export interface GatewayToolResultEvent {
  type: 'gateway.tool_result';
  event_id?: string;
  call_id: string;
  output?: unknown;
  /** Why the page could not do it, in a few words; the model is told, and says so. */
  error?: string;
}

/** The shopper pressed Undo on an item the assistant added (`call_id` of that add_to_cart); the page has already removed it. */
export interface GatewayUndoEvent {
  type: 'gateway.undo';
  event_id?: string;
  call_id: string;
}

export type GatewayClientEvent = GatewayContextEvent | GatewayToolResultEvent | GatewayUndoEvent;

export type ClientEvent = RealtimeClientEvent | GatewayClientEvent;
export type ServerEvent = RealtimeServerEvent | GatewayServerEvent;

/** Query parameter with which a client opts in to binary audio downstream. */
export const AUDIO_DOWN_PARAM = 'audio';
