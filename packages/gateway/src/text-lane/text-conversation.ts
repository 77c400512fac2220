/**
 * The text lane's side of the conversation: it takes the same client events
 * a realtime model session gets (session.update, conversation.item.create,
 * response.create, response.cancel, item delete) and answers with the same
 * server events, asking the text model for each response. The session
 * cannot tell the lanes apart except by response.metadata.lane.
 */
import type { Logger } from '../log.js';
import { HOLDING_EVENT_PREFIX, isHoldingResponse } from '../session/holding-line.js';
import { gaResponse, newTextId, type GaResponse } from './ga-response.js';
import type { TextItem, TextModel, TextTool, TextTurnRequest } from './text-model.js';

type Event = Record<string, any> & { type: string };

export interface TextConversationOptions {
  model: TextModel;
  /** The model for the next turn: the site's, or its cheaper one near the budget cap. */
  modelName(): string;
  sessionId: string;
  log: Logger;
  /** A server event for the session, as the realtime lane's arrive. */
  emit(event: Event): void;
  /**
   * The text model failed before any of its answer was shown: the request,
   * as received, for the other lane. Returns false when there is none (then
   * the shopper is told here).
   */
  down(request: Event): boolean;
  /** The service's usage block for one answer, with the model that gave it. */
  usage(model: string, usage: unknown): void;
}

const MAX_ITEMS = 200;

export function textConversation(o: TextConversationOptions) {
  const conversationId = newTextId('conv');
  const items: { id: string; item: TextItem }[] = [];
  let instructions = '';
  let tools: TextTool[] = [];
  let toolChoice: 'auto' | 'none' = 'auto';
  let maxOutputTokens: number | undefined;
  let session: Record<string, unknown> = {};
  let active: { response: GaResponse; abort: AbortController } | null = null;
  let closed = false;

  // Delivered on a later microtask, in order, as from a socket: the session never hears back inside its own send.
  const queue: Event[] = [];
  let scheduled = false;
  const emit = (event: Event) => {
    if (closed) return;
    queue.push({ event_id: newTextId('event'), ...event });
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      for (const e of queue.splice(0)) if (!closed) o.emit(e);
    });
  };
  const error = (code: string, message: string, param: string | null = null, eventId: unknown = null) =>
    emit({ type: 'error', error: { type: 'invalid_request_error', code, message, param, event_id: typeof eventId === 'string' ? eventId : null } });

  function add(id: string, item: TextItem): string | null {
    const previous = items.at(-1)?.id ?? null;
    items.push({ id, item });
    if (items.length > MAX_ITEMS) items.splice(0, items.length - MAX_ITEMS);
    return previous;
  }

  function update(e: Event) {
    const s = e.session;
    if (!s || typeof s !== 'object') return error('invalid_value', 'session must be an object.', 'session', e.event_id);
    if (typeof s.instructions === 'string') instructions = s.instructions;
    if (Array.isArray(s.tools)) tools = s.tools.filter((t: Event) => t?.type === 'function' && typeof t.name === 'string');
    if (s.tool_choice === 'none' || s.tool_choice === 'auto') toolChoice = s.tool_choice;
    if (typeof s.max_output_tokens === 'number') maxOutputTokens = s.max_output_tokens;
    session = { ...session, ...s, type: 'realtime', object: 'realtime.session', model: o.modelName() };
    emit({ type: 'session.updated', session: structuredClone(session) });
  }

  function createItem(e: Event) {
    const item = e.item ?? {};
    const id: string = typeof item.id === 'string' && item.id ? item.id : newTextId('item');
    if (items.some((i) => i.id === id)) return error('item_already_exists', `Item with id '${id.slice(0, 80)}' already exists.`, 'item.id', e.event_id);
    let stored: TextItem;
    const part = Array.isArray(item.content) ? item.content[0] : null;
    if (item.type === 'function_call_output' && typeof item.call_id === 'string' && typeof item.output === 'string') {
      stored = { type: 'function_call_output', call_id: item.call_id, output: item.output };
    } else if (item.type === 'message' && item.role === 'assistant' && part?.type === 'output_text' && typeof part.text === 'string') {
      stored = { type: 'message', role: 'assistant', text: part.text };
    } else if (item.type === 'message' && (item.role === 'user' || item.role === 'system') && part?.type === 'input_text') {
      stored = { type: 'message', role: item.role, text: (item.content as { text?: unknown }[]).map((c) => (typeof c.text === 'string' ? c.text : '')).join('\n') };
    } else {
      return error('invalid_value', 'The text lane takes user and system input_text messages, assistant output_text messages and function_call_output items.', 'item', e.event_id);
    }
    const previous = add(id, stored);
    const shown = { ...item, id, status: 'completed' };
    emit({ type: 'conversation.item.added', previous_item_id: previous, item: shown });
    emit({ type: 'conversation.item.done', previous_item_id: previous, item: shown });
  }

  function remove(e: Event) {
    const i = items.findIndex((x) => x.id === e.item_id);
    if (i < 0) return error('invalid_value', `Item with id '${String(e.item_id).slice(0, 80)}' not found.`, 'item_id', e.event_id);
    items.splice(i, 1);
    emit({ type: 'conversation.item.deleted', item_id: e.item_id });
  }

  async function respond(e: Event) {
    const overrides = (e.response ?? {}) as Event;
    // A holding line is spoken filler for a slow tool round: a typed answer needs none, and declining it lets the answer go on.
    if (isHoldingResponse(overrides as { metadata?: unknown }) || (typeof e.event_id === 'string' && e.event_id.startsWith(HOLDING_EVENT_PREFIX))) {
      return error('holding_not_needed', 'The text lane gives no holding line.', null, e.event_id);
    }
    if (active) return error('conversation_already_has_active_response', 'Conversation already has an active response in progress.', null, e.event_id);
    const model = o.modelName();
    const metadata = { ...(overrides.metadata && typeof overrides.metadata === 'object' ? overrides.metadata : {}), lane: 'text', text_model: model };
    const outOfBand = overrides.conversation === 'none';
    const response = gaResponse({ conversationId: outOfBand ? null : conversationId, metadata, sink: { emit, addItem: add } });
    const abort = new AbortController();
    const mine = { response, abort };
    active = mine;
    const request: TextTurnRequest = {
      model,
      instructions: typeof overrides.instructions === 'string' ? overrides.instructions : instructions,
      tools: overrides.tool_choice === 'none' ? [] : tools,
      input: items.map((i) => i.item),
      toolChoice: overrides.tool_choice === 'none' ? 'none' : toolChoice,
      ...(maxOutputTokens ? { maxOutputTokens } : {}),
    };
    const startedAt = Date.now();
    let firstMs: number | null = null;
    try {
      for await (const event of o.model.stream(request, abort.signal)) {
        if (abort.signal.aborted || closed) break;
        firstMs ??= Date.now() - startedAt;
        if (event.type === 'text') response.text(event.delta);
        else if (event.type === 'call') response.call(event);
        else {
          response.usage(event.usage);
          o.usage(model, event.usage);
        }
      }
      o.log('text_lane.response', { session: o.sessionId, model, ms: Date.now() - startedAt, first_ms: firstMs, status: abort.signal.aborted ? 'cancelled' : 'completed' });
      if (!abort.signal.aborted) response.finish('completed');
    } catch (err) {
      if (abort.signal.aborted || closed) return;
      // The service's error text may quote it; the log keeps only its kind.
      o.log('text_lane.error', { session: o.sessionId, model, error: err instanceof Error ? err.name : 'unknown', status: typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : null, shown: response.begun() });
      if (active === mine) active = null;
      if (!response.begun() && !outOfBand && o.down(e)) return;
      emit({ type: 'error', error: { type: 'server_error', code: 'upstream_unavailable', message: 'The text model did not answer.', param: null, event_id: null } });
      response.finish('failed', { type: 'failed', error: { type: 'server_error', code: 'upstream_unavailable' } });
    } finally {
      if (active === mine) active = null;
    }
  }

  function cancel(e: Event | null, reason: 'client_cancelled' | 'turn_detected') {
    if (!active) return e && error('response_cancel_not_active', 'Cancellation failed: no active response found.', null, e.event_id);
    if (e && typeof e.response_id === 'string' && e.response_id && e.response_id !== active.response.id) {
      return error('response_cancel_not_active', 'Cancellation failed: no active response found.', null, e.event_id);
    }
    const { response, abort } = active;
    active = null;
    abort.abort();
    response.finish('cancelled', { type: 'cancelled', reason });
  }

  return {
    send(e: Event) {
      if (closed) return;
      switch (e.type) {
        case 'session.update':
          return update(e);
        case 'conversation.item.create':
          return createItem(e);
        case 'conversation.item.delete':
          return remove(e);
        case 'response.create':
          return void respond(e);
        case 'response.cancel':
          return cancel(e, 'client_cancelled');
        default:
          return error('invalid_value', `The text lane does not take '${String(e.type).slice(0, 80)}'.`, 'type', e.event_id);
      }
    },
    /** Whether an answer is streaming now. */
    busy: () => active !== null,
    /** The shopper started talking: the typed answer ends here, before the spoken one begins. */
    cancelForVoice: () => cancel(null, 'turn_detected'),
    close() {
      if (active) active.abort.abort();
      active = null;
      closed = true;
    },
  };
}

export type TextConversation = ReturnType<typeof textConversation>;
