/**
 * A running gateway that the protocol suites test, whatever runs it: the
 * Node server in this process or the Worker in workerd under `wrangler dev`.
 * Everything a suite may look at goes through here, so the same test reads
 * the same way against both.
 */
import type { LocalEngine } from '../../src/upstream/local/engine.js';

/** What a session's local engine holds; `open` is false for a model session that has closed. */
export type EngineState = ReturnType<LocalEngine['inspect']> & { open: boolean };
export type LogLine = { event: string } & Record<string, unknown>;

export interface GatewayTarget {
  name: 'node' | 'worker';
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** ws://…/v1/realtime */
  wsUrl: string;
  /** The same gateway behind TLS, for the openai client. */
  tlsUrl: string;
  ca: string;
  /** What the local engine of an open session was told, or undefined once it is gone. */
  inspect(sessionId: string): Promise<EngineState | undefined>;
  /** The gateway's structured log lines so far. */
  logs(): LogLine[];
  close(): Promise<void>;
}

/** How the target's local engine behaves. */
export interface TargetEngineOptions {
  /** Ends each model session after this long, like the service's own cap. */
  maxSessionMs?: number;
}

/** The limits the suites are written against; each target starts its gateway with them. */
// The suites stream fixture audio faster than real time; the security suite tests the message rate on its own.
export const SUITE_LIMITS = { maxMessageBytes: 64 * 1024, messagesPerSecond: 5000 };
