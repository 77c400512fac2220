/**
 * Decides what a client event becomes. Every allowed event is rebuilt from
 * its checked fields, so nothing unexpected rides along to the upstream.
 */
import type { ErrorCode, RealtimeClientEvent } from '@contoso-voice/protocol';
import { base64ToBytes } from '../audio/base64.js';

export type Vetted =
  | { kind: 'forward'; event: RealtimeClientEvent }
  | { kind: 'audio'; pcm: Uint8Array }
  | { kind: 'session_update'; session: unknown }
  | { kind: 'context'; context: unknown }
  /** `invalid`: why the result cannot be used; the call it answers is failed with that, so the model is not left waiting. */
  | { kind: 'tool_result'; callId: string; output: unknown; error: unknown; invalid?: string }
  | { kind: 'undo'; callId: string }
  | { kind: 'retrieve'; itemId: string }
  | { kind: 'delete'; itemId: string }
  | { kind: 'refuse'; code: ErrorCode; message: string; param?: string };

export interface VetState {
  maxTextChars: number;
  /** Assistant items the client has seen, the only ones it may truncate. */
  assistantItems: ReadonlySet<string>;
}

const CLIENT_TYPES = new Set([
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'output_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.truncate',
  'conversation.item.delete',
  'conversation.item.retrieve',
  'response.create',
  'response.cancel',
  'gateway.context',
  'gateway.tool_result',
  'gateway.undo',
]);

const REFUSED_TYPES: Record<string, string> = {
  'output_audio_buffer.clear': 'only WebRTC sessions have a server output buffer; stop playback locally and truncate instead',
};

function refuse(code: ErrorCode, message: string, param?: string): Vetted {
  return { kind: 'refuse', code, message, ...(param ? { param } : {}) };
}

/** The first key of `obj` that is not in `allowed`, as a dotted path. */
function extraKey(obj: Record<string, unknown>, allowed: readonly string[], prefix = ''): string | null {
  for (const key of Object.keys(obj)) if (!allowed.includes(key)) return prefix + key;
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A client's event_id comes back in errors and logs: an id, not a payload. */
export const MAX_EVENT_ID_CHARS = 128;
/** Page context is a few levels of objects; deeper is not a page, and would cost a recursion per level to serialize. */
export const MAX_CONTEXT_DEPTH = 8;

/** Whether `value` nests deeper than `max`, found without recursion so that no depth can overflow the stack. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export function vetClientEvent(msg: Record<string, unknown>, state: VetState): Vetted {
  const type = msg.type;
  if (typeof type !== 'string') return refuse('invalid_event', 'every event needs a string "type"', 'type');
  if (!CLIENT_TYPES.has(type)) return refuse('unknown_event', `"${type.slice(0, 80)}" is not a client event`, 'type');
  if (type in REFUSED_TYPES) return refuse('event_not_allowed', `${type} is not allowed: ${REFUSED_TYPES[type]}`, 'type');
  if (msg.event_id !== undefined && (typeof msg.event_id !== 'string' || msg.event_id.length > MAX_EVENT_ID_CHARS)) {
    return refuse('invalid_event', `event_id must be a string of at most ${MAX_EVENT_ID_CHARS} characters`, 'event_id');
  }
  // The gateway's own requests are told apart by these; a client's must not pass for one.
  if (typeof msg.event_id === 'string' && msg.event_id.startsWith('gw')) return refuse('invalid_event', 'event_ids starting with "gw" are the gateway\'s own', 'event_id');
  const eventId = typeof msg.event_id === 'string' ? { event_id: msg.event_id } : {};

  switch (type) {
    case 'session.update': {
      const extra = extraKey(msg, ['type', 'event_id', 'session']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on session.update`, extra);
      return { kind: 'session_update', session: msg.session };
    }
    case 'input_audio_buffer.append': {
      const extra = extraKey(msg, ['type', 'event_id', 'audio']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (typeof msg.audio !== 'string') return refuse('invalid_event', 'audio must be a base64 string', 'audio');
      let pcm: Uint8Array;
      try {
        pcm = base64ToBytes(msg.audio);
      } catch {
        return refuse('audio_frame_invalid', 'audio is not valid base64', 'audio');
      }
      if (pcm.byteLength % 2 !== 0) return refuse('audio_frame_invalid', 'PCM16 audio must have an even number of bytes', 'audio');
      return { kind: 'audio', pcm };
    }
    case 'input_audio_buffer.commit':
    case 'input_audio_buffer.clear': {
      const extra = extraKey(msg, ['type', 'event_id']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      return { kind: 'forward', event: { type, ...eventId } as RealtimeClientEvent };
    }
    case 'conversation.item.create':
      return vetItemCreate(msg, eventId, state);
    case 'conversation.item.truncate': {
      const extra = extraKey(msg, ['type', 'event_id', 'item_id', 'content_index', 'audio_end_ms']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      const { item_id, content_index, audio_end_ms } = msg;
      if (typeof item_id !== 'string' || !state.assistantItems.has(item_id)) {
        return refuse('unknown_item', 'only assistant items of this session can be truncated', 'item_id');
      }
      if (!isCount(content_index)) return refuse('invalid_event', 'content_index must be a whole number', 'content_index');
      if (!isCount(audio_end_ms)) return refuse('invalid_event', 'audio_end_ms must be a whole number of milliseconds', 'audio_end_ms');
      return { kind: 'forward', event: { type, ...eventId, item_id, content_index, audio_end_ms } };
    }
    case 'response.create':
      return vetResponseCreate(msg, eventId);
    case 'conversation.item.retrieve':
    case 'conversation.item.delete': {
      const extra = extraKey(msg, ['type', 'event_id', 'item_id']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (typeof msg.item_id !== 'string' || msg.item_id.length > MAX_EVENT_ID_CHARS) return refuse('invalid_event', 'item_id must be an item id', 'item_id');
      return { kind: type === 'conversation.item.retrieve' ? 'retrieve' : 'delete', itemId: msg.item_id };
    }
    case 'response.cancel': {
      const extra = extraKey(msg, ['type', 'event_id', 'response_id']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (msg.response_id !== undefined && typeof msg.response_id !== 'string') {
        return refuse('invalid_event', 'response_id must be a string', 'response_id');
      }
      const responseId = typeof msg.response_id === 'string' ? { response_id: msg.response_id } : {};
      return { kind: 'forward', event: { type, ...eventId, ...responseId } };
    }
    case 'gateway.context': {
      const extra = extraKey(msg, ['type', 'event_id', 'context']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (!isObject(msg.context)) return refuse('invalid_event', 'context must be an object', 'context');
      if (deeperThan(msg.context, MAX_CONTEXT_DEPTH)) return refuse('context_too_large', `context may nest at most ${MAX_CONTEXT_DEPTH} levels deep`, 'context');
      return { kind: 'context', context: msg.context };
    }
    case 'gateway.tool_result': {
      const extra = extraKey(msg, ['type', 'event_id', 'call_id', 'output', 'error']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (typeof msg.call_id !== 'string' || msg.call_id.length > MAX_EVENT_ID_CHARS) return refuse('tool_call_unknown', 'call_id must name a tool call of this session', 'call_id');
      const result = { kind: 'tool_result' as const, callId: msg.call_id, output: msg.output, error: msg.error };
      if (msg.error !== undefined && typeof msg.error !== 'string') return { ...result, invalid: 'error must be a string' };
      if (deeperThan(msg.output, MAX_CONTEXT_DEPTH)) return { ...result, invalid: `output may nest at most ${MAX_CONTEXT_DEPTH} levels deep` };
      return result;
    }
    case 'gateway.undo': {
      const extra = extraKey(msg, ['type', 'event_id', 'call_id']);
      if (extra) return refuse('field_not_allowed', `${extra} is not allowed on ${type}`, extra);
      if (typeof msg.call_id !== 'string' || msg.call_id.length > MAX_EVENT_ID_CHARS) return refuse('tool_call_unknown', 'call_id must name an add_to_cart of this session', 'call_id');
      return { kind: 'undo', callId: msg.call_id };
    }
  }
  return refuse('unknown_event', `"${type}" is not a client event`, 'type');
}

function vetItemCreate(msg: Record<string, unknown>, eventId: object, state: VetState): Vetted {
  const extra = extraKey(msg, ['type', 'event_id', 'item']);
  if (extra) return refuse('field_not_allowed', `${extra} is not allowed on conversation.item.create`, extra);
  const item = msg.item;
  if (!isObject(item)) return refuse('invalid_event', 'item must be an object', 'item');
  if (item.type !== 'message' || item.role !== 'user') {
    const what = item.type === 'message' ? `${String(item.role)} messages` : `${String(item.type)} items`;
    return refuse('event_not_allowed', `clients may only add user messages; ${what} are not allowed`, item.type === 'message' ? 'item.role' : 'item.type');
  }
  const extraItem = extraKey(item, ['type', 'role', 'content', 'id', 'object', 'status'], 'item.');
  if (extraItem) return refuse('field_not_allowed', `${extraItem} is not allowed on a user message`, extraItem);
  if (!Array.isArray(item.content) || item.content.length === 0) {
    return refuse('invalid_event', 'item.content must be a non-empty array of input_text parts', 'item.content');
  }
  let total = 0;
  const content: { type: 'input_text'; text: string }[] = [];
  for (const part of item.content) {
    if (!isObject(part) || part.type !== 'input_text' || typeof part.text !== 'string') {
      return refuse('event_not_allowed', 'user messages may only hold input_text parts', 'item.content');
    }
    const extraPart = extraKey(part, ['type', 'text'], 'item.content.');
    if (extraPart) return refuse('field_not_allowed', `${extraPart} is not allowed on input_text`, extraPart);
    total += part.text.length;
    content.push({ type: 'input_text', text: part.text });
  }
  if (total > state.maxTextChars) {
    return refuse('text_too_long', `text is ${total} characters; the limit is ${state.maxTextChars}`, 'item.content');
  }
  if (total === 0 || content.every((c) => c.text.trim() === '')) return refuse('invalid_event', 'text is empty', 'item.content');
  // A client's own id is kept, so it can retrieve, truncate or delete by it; the gateway's prefixes stay the gateway's.
  if (item.id !== undefined && (typeof item.id !== 'string' || !CLIENT_ITEM_ID.test(item.id) || item.id.startsWith('gw'))) {
    return refuse('invalid_event', 'item.id must be 1 to 32 letters, digits, "_" or "-", not starting with "gw"', 'item.id');
  }
  const id = typeof item.id === 'string' ? { id: item.id } : {};
  return { kind: 'forward', event: { type: 'conversation.item.create', ...eventId, item: { ...id, type: 'message', role: 'user', content } } };
}

const CLIENT_ITEM_ID = /^[A-Za-z0-9_-]{1,32}$/;

const RESPONSE_FIELDS = ['output_modalities', 'metadata'];

function vetResponseCreate(msg: Record<string, unknown>, eventId: object): Vetted {
  const extra = extraKey(msg, ['type', 'event_id', 'response']);
  if (extra) return refuse('field_not_allowed', `${extra} is not allowed on response.create`, extra);
  if (msg.response === undefined) return { kind: 'forward', event: { type: 'response.create', ...eventId } };
  if (!isObject(msg.response)) return refuse('invalid_event', 'response must be an object', 'response');
  const extraField = extraKey(msg.response, RESPONSE_FIELDS, 'response.');
  if (extraField) return refuse('field_not_allowed', `${extraField} is set by the gateway and cannot be overridden`, extraField);
  const { output_modalities, metadata } = msg.response;
  const response: Record<string, unknown> = {};
  if (output_modalities !== undefined) {
    if (!Array.isArray(output_modalities) || output_modalities.length !== 1 || !['audio', 'text'].includes(output_modalities[0])) {
      return refuse('invalid_event', 'response.output_modalities must be ["audio"] or ["text"]', 'response.output_modalities');
    }
    response.output_modalities = output_modalities;
  }
  if (metadata !== undefined) {
    const entries = isObject(metadata) ? Object.entries(metadata) : null;
    if (!entries || entries.length > 16 || entries.some(([k, v]) => k.length > 64 || typeof v !== 'string' || v.length > 512)) {
      return refuse('invalid_event', 'response.metadata must map up to 16 keys of at most 64 characters to strings of at most 512', 'response.metadata');
    }
    if (Object.hasOwn(metadata as object, 'gateway')) return refuse('field_not_allowed', 'response.metadata.gateway is the gateway\'s own key', 'response.metadata.gateway');
    response.metadata = metadata;
  }
  return { kind: 'forward', event: { type: 'response.create', ...eventId, response } as RealtimeClientEvent };
}
