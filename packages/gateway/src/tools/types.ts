import type { ProductCard } from '@contoso-voice/protocol';
import type { SiteConfig } from '../sites/types.js';
import type { SiteCatalog } from '../catalog/site-catalog.js';
import type { ObjectSchema } from './json-schema.js';

export interface ToolContext {
  site: SiteConfig;
  catalog: SiteCatalog;
  /** Where browsers reach this gateway (origin and mount path, no trailing slash), to make image URLs absolute. */
  publicOrigin: string;
  /** The conversation the call is part of, for the retailer's endpoints. */
  sessionId?: string;
}

export interface ToolResult {
  /** What the model reads, serialised as the function_call_output. */
  output: unknown;
  /** Cards the shopper should see. */
  products?: ProductCard[];
}

/** A tool the gateway runs: catalog search, policies, a retailer's HTTP endpoint. */
export interface Tool {
  kind?: 'server';
  name: string;
  description: string;
  parameters: ObjectSchema;
  run(args: Record<string, unknown>, ctx: ToolContext): ToolResult | Promise<ToolResult>;
  /** `wait`: after its output the model is not asked to speak (when every call of the response says so). */
  after?: 'respond' | 'wait';
  /** The page is sent the output too (gateway.tool_output). */
  showResult?: boolean;
  /** How long a call may take, when not the gateway's toolTimeoutMs. */
  timeoutMs?: number;
}

/** What the gateway decided about a client tool call before the page is asked. */
export type PreparedCall =
  | { ok: true; args: Record<string, unknown> }
  /** Answered on the server (a sold-out item, a variant to choose): the page never hears of it. */
  | { ok: false; output: unknown };

/** A tool the page runs (add to cart, show a product, the retailer's own), after the gateway has checked the call. */
export interface ClientTool {
  kind: 'client';
  name: string;
  description: string;
  parameters: ObjectSchema;
  /** ms the page has to answer. */
  timeoutMs: number;
  after: 'respond' | 'wait';
  /** Server-side checks and resolution of the model's arguments; the arguments as they are when absent. */
  prepare?(args: Record<string, unknown>, ctx: ToolContext): PreparedCall | Promise<PreparedCall>;
  /** What the model reads of the page's answer; `{ result }` when absent. */
  present?(result: unknown, pageArgs: Record<string, unknown>): unknown;
  /** What the model reads when the page failed or did not answer. */
  failed?(reason: string, pageArgs: Record<string, unknown>): unknown;
}

export type AnyTool = Tool | ClientTool;

export const isClientTool = (t: AnyTool): t is ClientTool => t.kind === 'client';

/** What the runtime gives HTTP tools: the network, and the operator's secrets and allowed hosts. */
export interface HttpToolRuntime {
  /** The fetch for tool endpoints; the runtime's global fetch by default. Node's refuses connections to non-public addresses. */
  fetch?: typeof fetch;
  /** An environment variable's value, for a tool's signingSecretEnv. */
  secret?(name: string): string | undefined;
  /** Hosts (`host` or `host:port`) the operator allows even on loopback or private addresses (TOOL_ALLOW_HOSTS). */
  allowHosts?: string[];
}
