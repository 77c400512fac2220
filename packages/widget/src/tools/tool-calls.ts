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
  /** Aborted when the widget stops waiting: a cart call still running then must be cancelled, or the shopper is told it failed while it went through. */
  signal: AbortSignal;
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

  async function run(name: string, args: unknown, call: Omit<ToolCall, 'signal'>, timeoutMs: number): Promise<Answer> {
    const fn = handlers.get(name) ?? defaults[name];
    if (!fn) return { error: `no handler for ${name} on this page` };
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const late = new Promise<never>((_, reject) => {
        // Answer before the gateway gives up on the page, so the model hears why.
        timer = setTimeout(() => {
          abort.abort(new Error('the page took too long'));
          reject(abort.signal.reason);
        }, Math.max(timeoutMs / 2, timeoutMs - 500));
      });
      return encodeResult(await Promise.race([Promise.resolve().then(() => fn(args, { ...call, signal: abort.signal })), late]));
    } catch (err) {
      abort.abort(err);
      return { error: short(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  const register = ((name: string, handler: ToolHandler) => {
    handlers.set(name, handler);
    return () => void (handlers.get(name) === handler && handlers.delete(name));
  }) as RegisterTool;

  const undoing = new Set<string>();
  return {
    register,
    /**
     * A card's own "Add to cart" button, on a page with its own add_to_cart handler: the same cart the
     * assistant uses. False when the page registered none (the widget's add_to_cart event is then all there is).
     */
    /** `none`: no handler, the page hears the event instead; `failed`: the handler's error, shown as a notice. */
    async addFromCard(line: CartLine): Promise<'none' | 'done' | 'failed'> {
      if (!handlers.has('add_to_cart')) return 'none';
      const answer = await run('add_to_cart', line, { callId: `card_${Date.now()}`, name: 'add_to_cart' }, 10_000);
      if (answer.error) host.failed();
      return answer.error ? 'failed' : 'done';
    },
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
      // A second press while the first removal is still running must not remove a second time.
      if (!card?.added || card.added.undone || undoing.has(callId)) return;
      undoing.add(callId);
      const { product_id, variant_id, quantity, name } = card.added.line;
      const answer = await run('remove_from_cart', { product_id, variant_id, quantity, name }, { callId, name: 'remove_from_cart' }, 10_000).finally(() => undoing.delete(callId));
      if (answer.error) return host.failed();
      host.send({ type: 'gateway.undo', call_id: callId });
      messages.add({ ...card, added: { ...card.added, undone: true } });
      // Heard by on('tool_call') and the analytics like the assistant's own removals; the line carries price and currency.
      host.done({ callId, name: 'remove_from_cart', arguments: { ...card.added.line }, ...answer });
    },
  };
}
