/**
 * The page-facing API of the script tag, and the queue of calls the page
 * made before the script loaded: `ContosoVoice.push(['setContext', {...}])`.
 */
import type { GetToken } from './socket/session-token.js';
import type { VoiceEventName, VoiceListener } from './voice-events.js';
import type { RegisterTool } from './tools/tool-calls.js';

export type Command = [method: string, ...args: unknown[]];

export interface PageApi {
  open(): void;
  close(): void;
  sendText(text: string): void;
  setContext(context: object): void;
  on<K extends VoiceEventName>(event: K, fn: VoiceListener<K>): () => void;
  /** The page's session-token supplier, for sites whose tokens its backend mints: `push(['getToken', async () => …])`. */
  getToken(fn: GetToken): void;
  /** A handler for a client tool the model may call: `push(['registerTool', 'add_to_cart', async (line, call) => …])`. */
  registerTool: RegisterTool;
  /** The conversation this tab is in (null before the first), for stamping into an order. */
  conversationId(): string | null;
  /** The page's analytics consent, where the site requires it: `push(['consent', {analytics: true}])`. */
  consent(c?: { analytics?: boolean }): void;
  /** Runs a queued-style command, so pushes after load still work; gives what the command returns (registerTool's unregister). */
  push(command: Command): unknown;
}

/** Runs queued commands in order; a bad command is reported and skipped, never fatal. */
export function runCommands(api: Omit<PageApi, 'push'>, queue: unknown): void {
  if (!Array.isArray(queue)) return;
  for (const command of queue) runCommand(api, command);
}

export function runCommand(api: Omit<PageApi, 'push'>, command: unknown): unknown {
  const [method, ...args] = Array.isArray(command) ? command : [];
  const fn = typeof method === 'string' && method !== 'push' ? (api as unknown as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== 'function') {
    console.warn(`ContosoVoice: unknown command ${JSON.stringify(method)}`);
    return;
  }
  try {
    return (fn as (...a: unknown[]) => unknown).apply(api, args);
  } catch (err) {
    console.warn(`ContosoVoice: ${String(method)} failed`, err);
  }
}
