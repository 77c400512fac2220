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
  /** Why the assistant suggested it, in a few words. */
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

export type GatewayServerEvent = GatewaySessionEvent | GatewayProductsEvent | GatewayErrorEvent | GatewayNoticeEvent;

/** Page context from the widget: untrusted data, bounded, never instructions. */
export interface PageContext {
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

export type GatewayClientEvent = GatewayContextEvent;

export type ClientEvent = RealtimeClientEvent | GatewayClientEvent;
export type ServerEvent = RealtimeServerEvent | GatewayServerEvent;

/** Query parameter with which a client opts in to binary audio downstream. */
export const AUDIO_DOWN_PARAM = 'audio';
