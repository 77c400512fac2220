/**
 * What the session does with each event from the model service: check its
 * shape, note what the conversation record and the tool runner need, and
 * relay to the client only what a client is ever shown.
 */
import type { ErrorCode, RealtimeServerEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import type { AudioDeltaMeta } from '../upstream/types.js';
import type { ToolRunner } from './tool-runner.js';
import type { ConversationRecorder } from './conversation-record.js';
import { SEED_ITEM_PREFIX } from './conversation-record.js';
import { checkUpstreamEvent } from './upstream-event-shape.js';
import type { ItemRecord } from './item-record.js';
import type { ResponseWatch } from './response-watch.js';
import { redactServerEvent } from './redact.js';
import { loggableUpstreamError, publicUpstreamError } from './upstream-errors.js';
import { HOLDING_EVENT_PREFIX, isHoldingResponse } from './holding-line.js';
import type { ConversationSpend } from '../usage/conversation-spend.js';

export interface UpstreamEventDeps {
  sessionId: string;
  log: Logger;
  tools: ToolRunner;
  recorder: ConversationRecorder;
  items: ItemRecord;
  watch: ResponseWatch;
  /** An assistant item the client may later truncate. */
  assistantItem(id: string): void;
  /** The shopper's turn began at the service (speech committed). */
  userTurn(): void;
  /** A response began at the service, whoever asked for it. */
  responseBegun(): void;
  persist(): void;
  relayAudio(meta: AudioDeltaMeta, base64: string): void;
  relay(event: RealtimeServerEvent): void;
  reportError(code: ErrorCode, message: string, extra?: { event_id?: string }): void;
  /** Whether the client sent an event with this id: only those are echoed back in an error. */
  sentByClient(eventId: string): boolean;
  /** The conversation's usage and budgets: every response and transcription the service bills. */
  usage?: Pick<ConversationSpend, 'sessionCreated' | 'responseCreated' | 'responseDone' | 'transcribed'>;
}

export function upstreamEventHandler(d: UpstreamEventDeps) {
  let dropped = 0;
  const drop = (type: string | undefined) => {
    // Counted, and logged at powers of two: a service sending garbage in a loop must not flood the log either.
    dropped++;
    if ((dropped & (dropped - 1)) === 0) d.log('upstream.dropped', { session: d.sessionId, code: 'upstream_malformed_event', type, dropped });
  };

  // Out-of-band holding lines: shown and heard, but not part of the conversation the gateway records.
  const holdingResponses = new Set<string>();
  const inHolding = (responseId: unknown) => typeof responseId === 'string' && holdingResponses.has(responseId);

  function handle(raw: unknown) {
    const checked = checkUpstreamEvent(raw);
    if (!checked.ok) return drop(checked.type);
    const e = checked.event as Record<string, any> & { type: string };
    if (!inHolding(e.response_id)) d.items.observe(e);
    d.watch.heard();
    switch (e.type) {
      // The client had the gateway's own session.created, first on its socket; a re-dialled model session is not a new one to it.
      case 'session.created':
        d.usage?.sessionCreated(e.session);
        return;
      case 'response.output_audio.delta':
        return d.relayAudio(e as unknown as AudioDeltaMeta, e.delta);
      case 'error': {
        d.log('upstream.error', { session: d.sessionId, ...loggableUpstreamError(e.error) });
        // The service's session cap: the link re-dials and re-seeds when the socket closes, and the shopper gets a notice then.
        if (e.error.code === 'session_expired') return;
        // A holding line the service would not start is not the shopper's problem: the answer just does not wait for it.
        if (typeof e.error.event_id === 'string' && e.error.event_id.startsWith(HOLDING_EVENT_PREFIX)) return d.tools.holding.done();
        // A refused request for a response is not one that is coming late.
        d.watch.refused();
        // Only an event_id the client itself sent is echoed: anything else the service names is its own business.
        const publicError = publicUpstreamError(e.error);
        const about = typeof e.error.event_id === 'string' && d.sentByClient(e.error.event_id) ? { event_id: e.error.event_id } : {};
        return d.reportError(publicError.code, publicError.message, about);
      }
      case 'input_audio_buffer.committed':
        d.userTurn();
        break;
      case 'response.output_item.added':
        if (e.item.type === 'message' && e.item.role === 'assistant' && e.item.id) d.assistantItem(e.item.id);
        break;
      case 'response.output_item.done':
        if (e.item.type === 'function_call') d.tools.add(e.response_id, { call_id: e.item.call_id, name: e.item.name, arguments: e.item.arguments ?? '' });
        break;
      case 'response.created':
        d.usage?.responseCreated();
        if (isHoldingResponse(e.response)) holdingResponses.add(e.response.id);
        else {
          d.watch.began(e.response.id);
          d.responseBegun();
        }
        break;
      case 'response.done':
        // Holding lines and goodbyes are billed too.
        d.usage?.responseDone(e.response);
        if (isHoldingResponse(e.response)) {
          holdingResponses.delete(e.response.id);
          d.tools.holding.done();
        } else {
          d.watch.ended(e.response.id);
          d.tools.finish(e.response.id, e.response.status ?? undefined, e.response.output_modalities ?? undefined).catch((err: unknown) =>
            d.log('session.fault', { session: d.sessionId, code: 'internal_error', where: 'tool_round', error: err instanceof Error ? err.name : 'unknown' }),
          );
        }
        break;
      case 'response.output_text.done':
        if (inHolding(e.response_id)) break;
        d.recorder.assistant(e.text, e.item_id);
        d.persist();
        break;
      case 'response.output_audio_transcript.done':
        if (inHolding(e.response_id)) break;
        d.recorder.assistant(e.transcript, e.item_id);
        d.persist();
        break;
      case 'conversation.item.input_audio_transcription.completed':
        d.usage?.transcribed(e.usage);
        d.recorder.userSpeech(e.transcript, e.item_id);
        d.persist();
        break;
      case 'conversation.item.added':
      case 'conversation.item.created':
      case 'conversation.item.done':
        // Page context and re-seeded turns are the gateway's own items: the client has them already, or never sent them.
        if (typeof e.item.id === 'string' && (e.item.id.startsWith('gwctx_') || e.item.id.startsWith(SEED_ITEM_PREFIX))) return;
        if (e.type === 'conversation.item.added' && e.item.role === 'user' && e.item.content?.[0]?.type === 'input_text') {
          d.recorder.nameUserText(e.item.content.map((c: { text?: string }) => c.text ?? '').join('\n'), e.item.id);
        }
        break;
      case 'conversation.item.deleted':
        d.recorder.forget(e.item_id);
        break;
    }
    if (!checked.relay) return;
    const visible = redactServerEvent(checked.event);
    if (visible) d.relay(visible);
  }

  /** Never throws: a fault here is the gateway's, logged by code, and the session goes on. */
  return (raw: unknown) => {
    try {
      handle(raw);
    } catch (err) {
      d.log('session.fault', { session: d.sessionId, code: 'internal_error', where: 'upstream_event', error: err instanceof Error ? err.name : 'unknown' });
    }
  };
}
