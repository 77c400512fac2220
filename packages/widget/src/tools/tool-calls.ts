/**
 * Client tools: the model calls a tool the page runs (`gateway.tool_call`),
 * the page's handler (or the widget's default for a built-in) runs, bounded
 * in time, and its result goes back as size-bounded JSON
 * (`gateway.tool_result`). Calls already answered are skipped: the gateway
 * replays events after a navigation. An assistant add to the cart leaves a
 * confirmation card in the transcript, with Undo.
 */
import type { BuiltInToolArgs, BuiltInToolResults, CartLine, ClientEvent, GatewayToolCallEvent } from '@contoso-voice/protocol';
import type { MessagesStore } from '../stores/messages.js';
import { persistedAtom } from '../stores/persisted.js';

export interface ToolCall {
  callId: string;
  name: string;
}

export type ToolHandler<A = any, R = unknown> = (args: A, call: ToolCall) => R | Promise<R>;

/** `registerTool`: typed for the built-in shop actions, open for a site's own tools. Returns the function that unregisters it. */
export interface RegisterTool {
  <K extends keyof BuiltInToolArgs>(name: K, handler: ToolHandler<BuiltInToolArgs[K], BuiltInToolResults[K]>): () => void;
  <N extends string>(name: N extends keyof BuiltInToolArgs ? never : N, handler: ToolHandler<Record<string, unknown>>): () => void;
}

/** What `on('tool_call')` is given once the page has answered. */
export interface ToolCallDetail {
  callId: string;
  name: string;
  arguments: Record<string, unknown>;
  output?: unknown;
  error?: string;
}

type Answer = { output?: unknown; error?: string };

/** The gateway's default `maxToolResultBytes`: anything larger would be refused, or close the socket. */
export const MAX_RESULT_BYTES = 16_384;
const KEPT_IDS = 64;

/** A handler's value as JSON the gateway accepts, or why it is not. */
export function encodeResult(value: unknown): Answer {
  if (value === undefined) return { error: 'the handler returned nothing' };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return { error: 'the result is not JSON (a cycle?)' };
  }
  if (json === undefined) return { error: 'the handler returned nothing' };
  // A UTF-8 byte per character at least, so the length alone rules out most of what is too large without encoding it.
  if (json.length > MAX_RESULT_BYTES || new TextEncoder().encode(json).length > MAX_RESULT_BYTES) return { error: 'result too large' };
  return { output: JSON.parse(json) };
}

const short = (err: unknown) => String((err as Error)?.message ?? err).slice(0, 200) || 'the handler failed';

export interface ToolHost {
  send(event: ClientEvent): unknown;
  /** Tells the shopper, briefly, that an action failed. */
  failed(): void;
  done(detail: ToolCallDetail): void;
}

export function createToolCalls(site: string, messages: MessagesStore, defaults: Record<string, ToolHandler>, host: ToolHost) {
  const handlers = new Map<string, ToolHandler>();
  const handled = persistedAtom<string[]>(`contoso-voice:${site}:calls`, []);

  async function run(name: string, args: unknown, call: ToolCall, timeoutMs: number): Promise<Answer> {
    const fn = handlers.get(name) ?? defaults[name];
    if (!fn) return { error: `no handler for ${name} on this page` };
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        // Answer before the gateway gives up on the page, so the model hears why.
        timer = setTimeout(() => reject(new Error('the page took too long')), Math.max(timeoutMs / 2, timeoutMs - 500));
      });
      return encodeResult(await Promise.race([Promise.resolve().then(() => fn(args, call)), late]));
    } catch (err) {
      return { error: short(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  const register = ((name: string, handler: ToolHandler) => {
    handlers.set(name, handler);
    return () => void (handlers.get(name) === handler && handlers.delete(name));
  }) as RegisterTool;

  return {
    register,
    async call(e: GatewayToolCallEvent) {
      const ids = handled.get();
      if (ids.includes(e.call_id)) return;
      handled.set([...ids, e.call_id].slice(-KEPT_IDS));
      const answer = await run(e.name, e.arguments, { callId: e.call_id, name: e.name }, e.timeout_ms);
      host.send({ type: 'gateway.tool_result', call_id: e.call_id, ...answer });
      if (answer.error) host.failed();
      else if (e.name === 'add_to_cart') messages.add({ id: `added_${e.call_id}`, role: 'assistant', text: '', added: { callId: e.call_id, line: e.arguments as unknown as CartLine } });
      host.done({ callId: e.call_id, name: e.name, arguments: e.arguments, ...answer });
    },
    /** The shopper pressed Undo on a confirmation card: the page removes the item, then the model is told. */
    async undo(callId: string) {
      const card = messages.$messages.get().find((m) => m.added?.callId === callId);
      if (!card?.added || card.added.undone) return;
      const { product_id, variant_id, quantity, name } = card.added.line;
      const answer = await run('remove_from_cart', { product_id, variant_id, quantity, name }, { callId, name: 'remove_from_cart' }, 10_000);
      if (answer.error) return host.failed();
      host.send({ type: 'gateway.undo', call_id: callId });
      messages.add({ ...card, added: { ...card.added, undone: true } });
    },
  };
}
