/**
 * The model service is trusted with the retailer's key, not with the
 * gateway's memory safety: every event is checked for the shape the session
 * reads before it is used. An event that fails is dropped and logged by a
 * code of ours, never thrown.
 */
import type { RealtimeServerEvent } from '@contoso-voice/protocol';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown) => v === undefined || v === null || isStr(v);
const isStrArray = (v: unknown) => Array.isArray(v) && v.every(isStr);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Event types are short dotted names; anything else is not worth logging. */
const TYPE_NAME = /^[a-z_.]{1,80}$/;

function itemOk(item: unknown): boolean {
  if (!isObj(item)) return false;
  if (!optStr(item.id) || !optStr(item.type) || !optStr(item.role)) return false;
  if (item.type === 'function_call') return isStr(item.call_id) && isStr(item.name) && optStr(item.arguments);
  return true;
}

function responseOk(response: unknown): boolean {
  if (!isObj(response) || !isStr(response.id) || !optStr(response.status)) return false;
  if (response.output !== undefined && !(Array.isArray(response.output) && response.output.every(isObj))) return false;
  return response.output_modalities === undefined || response.output_modalities === null || isStrArray(response.output_modalities);
}

/** Checks by type for the fields the session and the redaction read. */
const CHECKS: Record<string, (e: Obj) => boolean> = {
  'session.created': (e) => isObj(e.session),
  'session.updated': (e) => isObj(e.session),
  error: (e) => isObj(e.error) && optStr(e.error.type) && optStr(e.error.code),
  'response.created': (e) => responseOk(e.response),
  'response.done': (e) => responseOk(e.response),
  'response.output_item.added': (e) => itemOk(e.item) && optStr(e.response_id),
  'response.output_item.done': (e) => itemOk(e.item) && isStr(e.response_id),
  'conversation.item.added': (e) => itemOk(e.item),
  'conversation.item.created': (e) => itemOk(e.item),
  'conversation.item.done': (e) => itemOk(e.item),
  'conversation.item.retrieved': (e) => itemOk(e.item),
  'response.output_audio.delta': (e) => isStr(e.delta) && e.delta.length % 4 === 0 && BASE64.test(e.delta) && isStr(e.response_id) && isStr(e.item_id),
  'response.output_text.done': (e) => isStr(e.text),
  'response.output_audio_transcript.done': (e) => isStr(e.transcript),
  'conversation.item.input_audio_transcription.completed': (e) => isStr(e.transcript),
  'conversation.item.deleted': (e) => isStr(e.item_id),
  'conversation.item.truncated': (e) => isStr(e.item_id),
};

/** Families of events a client is ever shown; the rest (rate_limits.updated, anything new) stay at the gateway. */
const RELAYED_PREFIXES = ['session.', 'conversation.item.', 'input_audio_buffer.', 'output_audio_buffer.', 'response.'];

export type ShapeCheck = { ok: true; event: RealtimeServerEvent & Obj; relay: boolean } | { ok: false; type: string | undefined };

export function checkUpstreamEvent(raw: unknown): ShapeCheck {
  if (!isObj(raw) || !isStr(raw.type) || !TYPE_NAME.test(raw.type)) return { ok: false, type: undefined };
  const check = Object.hasOwn(CHECKS, raw.type) ? CHECKS[raw.type] : undefined;
  if (check && !check(raw)) return { ok: false, type: raw.type };
  const relay = raw.type === 'error' || RELAYED_PREFIXES.some((p) => (raw.type as string).startsWith(p));
  return { ok: true, event: raw as RealtimeServerEvent & Obj, relay };
}
