/**
 * One text-lane answer as the realtime GA events a client already handles:
 * response.created, the message's item, part and text deltas, each tool
 * call's item and arguments, then response.done with usage, in the order
 * the Realtime service sends them for a text-only response.
 */
import type { TextItem } from './text-model.js';
import { realtimeUsage } from './usage-shape.js';

type Event = Record<string, unknown> & { type: string };

export interface GaResponseSink {
  emit(event: Event): void;
  /** An item joined the conversation; returns the id of the one before it. */
  addItem(id: string, item: TextItem): string | null;
}

export const newTextId = (prefix: string) => `${prefix}_txt${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** `conversationId` null: out of band (a goodbye), so nothing joins the conversation and no conversation.item.* event is sent. */
export function gaResponse(o: { conversationId: string | null; metadata: Record<string, unknown>; sink: GaResponseSink }) {
  const id = newTextId('resp');
  const output: Event[] = [];
  let created = false;
  let finished = false;
  let usage: unknown = null;
  let message: { id: string; previous: string | null; text: string; stored: Extract<TextItem, { type: 'message' }> } | null = null;
  const emit = o.sink.emit;
  const inConversation = o.conversationId !== null;
  const toConversation = (event: Event) => inConversation && emit(event);
  const addItem = (itemId: string, item: TextItem) => (inConversation ? o.sink.addItem(itemId, item) : null);

  const response = (status: string, extra: object = {}) => ({
    object: 'realtime.response',
    id,
    status,
    status_details: null,
    output: [...output],
    conversation_id: o.conversationId,
    output_modalities: ['text'],
    max_output_tokens: 'inf',
    usage: null,
    metadata: o.metadata,
    ...extra,
  });

  function begin() {
    if (created) return;
    created = true;
    emit({ type: 'response.created', response: response('in_progress') });
  }

  function closeMessage(status: 'completed' | 'incomplete') {
    if (!message) return;
    const m = message;
    message = null;
    const ref = { response_id: id, item_id: m.id, output_index: output.length, content_index: 0 };
    if (status === 'completed') emit({ type: 'response.output_text.done', ...ref, text: m.text });
    emit({ type: 'response.content_part.done', ...ref, part: { type: 'text', text: m.text } });
    const item = { id: m.id, type: 'message', status, role: 'assistant', content: [{ type: 'output_text', text: m.text }] };
    toConversation({ type: 'conversation.item.done', previous_item_id: m.previous, item });
    emit({ type: 'response.output_item.done', response_id: id, output_index: output.length, item });
    output.push(item);
  }

  return {
    id,
    begun: () => created,
    finished: () => finished,
    text(delta: string) {
      if (finished || !delta) return;
      begin();
      if (!message) {
        const itemId = newTextId('item');
        const stored = { type: 'message' as const, role: 'assistant' as const, text: '' };
        message = { id: itemId, previous: addItem(itemId, stored), text: '', stored };
        const item = { id: itemId, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
        emit({ type: 'response.output_item.added', response_id: id, output_index: output.length, item });
        toConversation({ type: 'conversation.item.added', previous_item_id: message.previous, item });
        emit({ type: 'response.content_part.added', response_id: id, item_id: itemId, output_index: output.length, content_index: 0, part: { type: 'text', text: '' } });
      }
      message.text += delta;
      message.stored.text = message.text;
      emit({ type: 'response.output_text.delta', response_id: id, item_id: message.id, output_index: output.length, content_index: 0, delta });
    },
    call(call: { call_id: string; name: string; arguments: string }) {
      if (finished) return;
      begin();
      closeMessage('completed');
      const itemId = newTextId('item');
      const previous = addItem(itemId, { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments });
      const outputIndex = output.length;
      const item = { id: itemId, type: 'function_call', status: 'in_progress', name: call.name, call_id: call.call_id, arguments: '' };
      emit({ type: 'response.output_item.added', response_id: id, output_index: outputIndex, item });
      toConversation({ type: 'conversation.item.added', previous_item_id: previous, item });
      const ref = { response_id: id, item_id: itemId, output_index: outputIndex, call_id: call.call_id };
      if (call.arguments) emit({ type: 'response.function_call_arguments.delta', ...ref, delta: call.arguments });
      emit({ type: 'response.function_call_arguments.done', ...ref, name: call.name, arguments: call.arguments });
      const done = { ...item, status: 'completed', arguments: call.arguments };
      toConversation({ type: 'conversation.item.done', previous_item_id: previous, item: done });
      emit({ type: 'response.output_item.done', response_id: id, output_index: outputIndex, item: done });
      output.push(done);
    },
    usage(block: unknown) {
      usage = block;
    },
    /** `completed`, or `cancelled` (the shopper started talking, or cancelled), or `failed` (the service broke off). */
    finish(status: 'completed' | 'cancelled' | 'failed', details: object | null = null) {
      if (finished) return;
      begin();
      finished = true;
      closeMessage(status === 'completed' ? 'completed' : 'incomplete');
      emit({ type: 'response.done', response: response(status, { status_details: details, usage: realtimeUsage(usage) }) });
    },
  };
}

export type GaResponse = ReturnType<typeof gaResponse>;
