import type { SiteConfig } from './sites/types.js';
import type { Upstream } from './upstream/types.js';
import type { TextModels } from './text-lane/text-models.js';
import type { Logger } from './log.js';
import type { AnyTool, HttpToolRuntime } from './tools/types.js';
import type { SessionStateStore } from './session/state-store.js';
import type { CatalogDirectory } from './catalog/site-catalog.js';
import type { SpentTokens } from './security/single-use.js';
import type { GatewayMetrics } from './metrics/gateway-metrics.js';
import type { WebhookOptions } from './webhooks/webhook-sender.js';
import type { UsageConfig } from './usage/gateway-usage.js';

export interface GatewayLimits {
  /** Largest WebSocket message, in bytes; larger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** Longest user text item, in characters. */
  maxTextChars: number;
  /** Largest page context, in bytes of JSON. */
  maxContextBytes: number;
  /** How long one server tool call may take. */
  toolTimeoutMs: number;
  /** How long the page has to answer a client tool call (a tool may set its own). */
  clientToolTimeoutMs: number;
  /** A tool round still running after this long gets one short holding line ("one moment…"), so the shopper hears no dead air. */
  toolHoldingLineMs: number;
  /** Largest result a page may return for a client tool, in bytes of JSON. */
  maxToolResultBytes: number;
  /** A response asked for that has not begun after this long ends in response_timeout, and the model session is replaced. */
  responseStartTimeoutMs: number;
  /** A response that has begun and then sends nothing for this long ends the same way. */
  responseStallTimeoutMs: number;
  /** Client events held while the upstream connects; more is refused. */
  maxPendingEvents: number;
  /** Open sessions for one site, and from one client address (per process or isolate). */
  maxSessionsPerSite: number;
  maxSessionsPerIp: number;
  /** Sessions one client address may start in a minute. */
  newSessionsPerIpPerMinute: number;
  /** Client messages a second, with a burst of two seconds' worth; a flood closes the session. */
  messagesPerSecond: number;
  /** Seconds of microphone audio a session may send in any minute; more is refused. */
  audioSecondsPerMinute: number;
  /** Function calls the model may make in one response; the rest get an error output. */
  maxToolCallsPerResponse: number;
  /** Longest session; the client is warned `sessionWarningMs` before it ends. */
  maxSessionMs: number;
  sessionWarningMs: number;
  /** A session with no audio or text from the client for this long is closed. */
  idleTimeoutMs: number;
  /** A client that has this much unsent data queued is not reading, and is closed. */
  maxBufferedBytes: number;
  /** How long a dropped client may take to come back to the same model session; audio is replayed for this long too. */
  resumeGraceMs: number;
  /** How long the gateway keeps a conversation's record to re-seed a new model session from. */
  reseedWindowMs: number;
  /** What is kept of the frames sent to a client, for replay. */
  replayMaxFrames: number;
  replayMaxBytes: number;
  /** Conversations waiting for their client (detached) in this process or isolate; past it the one waiting longest ends. */
  maxDetachedSessions: number;
  /** Model responses in a row that may call tools after one shopper message; the next is asked to answer without tools. */
  maxToolRoundsPerTurn: number;
  /** Model responses a session may start in any minute, whoever asked; more are refused. */
  responsesPerMinute: number;
  /** Characters of user text and page context a session may send the model in any minute. */
  textCharsPerMinute: number;
  /** Sent as the session's max_output_tokens: the longest answer one response may be. */
  maxOutputTokens: number;
  /** Sent as the session's truncation limit: tokens of conversation (after the instructions) each response reads again. */
  maxContextTokens: number;
  /** Times one conversation may be re-seeded into a new model session (a resume after its window, a restart). */
  maxReseedsPerConversation: number;
  /** Session tokens one address may get from POST /v1/sessions in a minute. */
  tokensPerIpPerMinute: number;
}

export const defaultLimits: GatewayLimits = {
  maxMessageBytes: 256 * 1024,
  maxTextChars: 2000,
  maxContextBytes: 8 * 1024,
  toolTimeoutMs: 5000,
  clientToolTimeoutMs: 8000,
  toolHoldingLineMs: 700,
  maxToolResultBytes: 16 * 1024,
  responseStartTimeoutMs: 10_000,
  responseStallTimeoutMs: 15_000,
  maxPendingEvents: 200,
  maxSessionsPerSite: 500,
  maxSessionsPerIp: 4,
  newSessionsPerIpPerMinute: 30,
  messagesPerSecond: 100,
  audioSecondsPerMinute: 75,
  maxToolCallsPerResponse: 4,
  maxSessionMs: 15 * 60_000,
  sessionWarningMs: 60_000,
  idleTimeoutMs: 2 * 60_000,
  maxBufferedBytes: 2 * 1024 * 1024,
  resumeGraceMs: 30_000,
  reseedWindowMs: 30 * 60_000,
  replayMaxFrames: 4000,
  replayMaxBytes: 4 * 1024 * 1024,
  maxDetachedSessions: 200,
  maxToolRoundsPerTurn: 3,
  responsesPerMinute: 20,
  textCharsPerMinute: 20_000,
  maxOutputTokens: 800,
  maxContextTokens: 4000,
  maxReseedsPerConversation: 3,
  tokensPerIpPerMinute: 60,
};

/** The limits for one site: the gateway's, then the site's own. */
export function siteLimits(config: GatewayConfig, site: SiteConfig): GatewayLimits {
  return { ...defaultLimits, ...config.limits, ...site.limits };
}

export interface GatewaySecurity {
  /** Signs the tokens POST /v1/sessions hands to allowlisted browsers. Every process or isolate of one deployment needs the same one. */
  tokenSecret: string;
  /** Per site: the secret a retailer's backend mints tokens with. */
  siteSecrets: Record<string, string>;
}

export interface GatewayConfig {
  upstream: Upstream;
  /** The sites this gateway serves (from site files: loadSitesDir on Node, the sites bucket on a Worker). */
  sites: SiteConfig[];
  /** Each site's catalog, kept by the runtime. */
  catalogs: CatalogDirectory;
  limits?: Partial<GatewayLimits>;
  security: GatewaySecurity;
  log?: Logger;
  /** Counts for Prometheus (nodeMetrics on Node, the Worker's own): the log's events, relay frames and audio. Absent: nothing is counted and /metrics is a 404. */
  metrics?: GatewayMetrics;
  /** Tools the model may call; each site's shop tools (catalog search, product, policies, shop actions, its HTTP tools) by default. */
  tools?: AnyTool[];
  /** Each site's text model for typed turns (text-lane/text-models.ts); without it only `provider: "local"` sites get one. */
  textModels?: TextModels;
  /** How the gateway reaches sites' HTTP tools (see tools/http-tool.ts); sites' conversation webhooks go the same way. */
  httpTools?: HttpToolRuntime;
  /** Retries and timeouts of sites' conversation webhooks (webhooks/webhook-sender.ts). */
  webhooks?: WebhookOptions;
  /** Pricing of usage and where sites' spend against their budgets is kept (usage/gateway-usage.ts). */
  usage?: UsageConfig;
  /** Where conversation records live between sockets; process memory by default. */
  sessionStore?: SessionStateStore;
  /** The single-use ids of spent session tokens, when they must outlive this gateway (`npm start` keeps them across a restart). */
  spentTokens?: SpentTokens;
  /**
   * Where browsers reach this gateway, for absolute image URLs: an origin, or an origin and the path it is
   * mounted at (`https://shop.example/voice`); defaults to each request's own origin and mount path.
   */
  publicOrigin?: string;
  /**
   * Test hook: what the upstream was told in a session, served at
   * GET /v1/debug/sessions/:id. Only for the local engine in tests; it shows
   * the instructions, so production never sets it.
   */
  inspectSession?(sessionId: string): unknown;
}
