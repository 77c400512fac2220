import type { SiteConfig } from './sites/types.js';
import type { Upstream } from './upstream/types.js';
import type { Logger } from './log.js';
import type { Tool } from './tools/types.js';

export interface GatewayLimits {
  /** Largest WebSocket message, in bytes; larger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** Longest user text item, in characters. */
  maxTextChars: number;
  /** Largest page context, in bytes of JSON. */
  maxContextBytes: number;
  /** How long one tool call may take. */
  toolTimeoutMs: number;
  /** Client events held while the upstream connects; more is refused. */
  maxPendingEvents: number;
}

export const defaultLimits: GatewayLimits = {
  maxMessageBytes: 256 * 1024,
  maxTextChars: 2000,
  maxContextBytes: 8 * 1024,
  toolTimeoutMs: 5000,
  maxPendingEvents: 200,
};

export interface GatewayConfig {
  upstream: Upstream;
  sites: Record<string, SiteConfig>;
  limits?: Partial<GatewayLimits>;
  log?: Logger;
  /** Tools the model may call; the shop tools by default. */
  tools?: Tool[];
  /** Origin that browsers reach this gateway at, for absolute image URLs; defaults to each request's own. */
  publicOrigin?: string;
  /**
   * Test hook: what the upstream was told in a session, served at
   * GET /v1/debug/sessions/:id. Only for the local engine in tests; it shows
   * the instructions, so production never sets it.
   */
  inspectSession?(sessionId: string): unknown;
}
