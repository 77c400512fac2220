/**
 * The page-facing API of the script tag, and the queue of calls the page
 * made before the script loaded: `ContosoVoice.push(['setContext', {...}])`.
 */
import type { GetToken } from './socket/session-token.js';
import type { VoiceEventName, VoiceListener } from './voice-events.js';

export type Command = [method: string, ...args: unknown[]];

export interface PageApi {
  open(): void;
  close(): void;
  sendText(text: string): void;
  setContext(context: object): void;
  on<K extends VoiceEventName>(event: K, fn: VoiceListener<K>): () => void;
  /** The page's session-token supplier, for sites whose tokens its backend mints: `push(['getToken', async () => …])`. */
  getToken(fn: GetToken): void;
  /** Runs a queued-style command, so pushes after load still work. */
  push(command: Command): void;
}

/** Runs queued commands in order; a bad command is reported and skipped, never fatal. */
export function runCommands(api: Omit<PageApi, 'push'>, queue: unknown): void {
  if (!Array.isArray(queue)) return;
  for (const command of queue) runCommand(api, command);
}

export function runCommand(api: Omit<PageApi, 'push'>, command: unknown): void {
  const [method, ...args] = Array.isArray(command) ? command : [];
  const fn = typeof method === 'string' && method !== 'push' ? (api as unknown as Record<string, unknown>)[method] : undefined;
  if (typeof fn !== 'function') {
    console.warn(`ContosoVoice: unknown command ${JSON.stringify(method)}`);
    return;
  }
  try {
    (fn as (...a: unknown[]) => void).apply(api, args);
  } catch (err) {
    console.warn(`ContosoVoice: ${String(method)} failed`, err);
  }
}
