/**
 * Frames from the client, before any policy: held until the socket has had
 * its greeting (session.created, gateway.session), then bounded by rate and
 * size, parsed, and handed on as vetted events or audio.
 */
import { CLOSE_CODES, type ErrorCode } from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import type { Logger } from '../log.js';
import { MAX_EVENT_ID_CHARS, vetClientEvent, type Vetted } from './client-events.js';

export interface ClientInboxDeps {
  sessionId: string;
  limits: GatewayLimits;
  log: Logger;
  ended(): boolean;
  /** The message-rate guard: false when this frame is over the rate (and dealt with). */
  admit(): boolean;
  end(code: number, reason: string): void;
  reportError(code: ErrorCode, message: string): void;
  act(v: Vetted, eventId?: string): void;
  audio(pcm: Uint8Array): void;
  /** Assistant items the client has seen, the only ones it may truncate. */
  assistantItems: ReadonlySet<string>;
  /** Every event_id the client sent, so an error about one can name it. */
  rememberEventId(id: string): void;
}

export function clientInbox(d: ClientInboxDeps) {
  let greeted = false;
  const early: (string | Uint8Array)[] = [];

  /** A frame from before the greeting: kept, within the bound on what may wait for the model too. */
  function hold(frame: string | Uint8Array) {
    if (early.length >= d.limits.maxPendingEvents) return d.end(CLOSE_CODES.policyViolation, 'too much before the session was ready');
    early.push(frame);
  }

  function onText(data: string) {
    if (!greeted) return hold(data);
    if (d.ended() || !d.admit()) return;
    if (data.length > d.limits.maxMessageBytes) return d.end(CLOSE_CODES.messageTooBig, 'message too big');
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      d.log('client.refused', { session: d.sessionId, code: 'invalid_json' });
      return d.reportError('invalid_json', 'The message is not valid JSON.');
    }
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) return d.reportError('invalid_event', 'An event must be a JSON object.');
    const m = msg as Record<string, unknown>;
    // An event_id too long to be an id is refused, and not echoed back either.
    const eventId = typeof m.event_id === 'string' && m.event_id.length <= MAX_EVENT_ID_CHARS ? m.event_id : undefined;
    if (eventId) d.rememberEventId(eventId);
    d.act(vetClientEvent(m, { maxTextChars: d.limits.maxTextChars, assistantItems: d.assistantItems }), eventId);
  }

  function onBinary(data: Uint8Array) {
    if (!greeted) return hold(data);
    if (d.ended() || !d.admit()) return;
    if (data.byteLength > d.limits.maxMessageBytes) return d.end(CLOSE_CODES.messageTooBig, 'message too big');
    if (data.byteLength === 0 || data.byteLength % 2 !== 0) {
      d.log('client.refused', { session: d.sessionId, code: 'audio_frame_invalid' });
      return d.reportError('audio_frame_invalid', 'A binary frame must be PCM16 audio: a non-empty, even number of bytes.');
    }
    d.audio(data);
  }

  return {
    onText,
    onBinary,
    /** A new socket is being greeted: what it sends waits. */
    greeting() {
      greeted = false;
    },
    /** The socket has its greeting: what it sent meanwhile goes on, in order. */
    greeted() {
      greeted = true;
      for (const frame of early.splice(0)) {
        if (typeof frame === 'string') onText(frame);
        else onBinary(frame);
      }
    },
  };
}
