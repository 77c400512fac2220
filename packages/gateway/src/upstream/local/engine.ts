/**
 * The local engine: an in-process stand-in for the Realtime service that
 * speaks its GA protocol. It runs server VAD on the real audio, calls the
 * session's tools and answers from their results, hums its replies as PCM16,
 * honours cancel and truncate, and answers bad input with error events. It
 * cannot understand speech, and says so.
 */
import { answerLanguage } from './answer-language.js';
import { SAMPLE_RATE, pcmBytesToMs } from '@contoso-voice/protocol';
import type { AudioDeltaMeta } from '../types.js';
import { newId } from './ids.js';
import { createVad } from './vad.js';
import { createConversation, isContextText } from './conversation.js';
import { streamResponse } from './response-stream.js';
import { shopView } from './shop-view.js';
import { decide } from './decide.js';
import { isHoldingRequest, streamHolding } from './holding.js';

type Event = Record<string, any> & { type: string };

export interface LocalEngineOptions {
  emit(event: Event): void;
  emitAudio(meta: AudioDeltaMeta, pcm: Uint8Array): void;
  /** Ends the session like the service's own cap (60 minutes there). */
  maxSessionMs?: number;
  onExpire?(): void;
  tickMs?: number;
}

const PCM = { type: 'audio/pcm', rate: SAMPLE_RATE };
const SERVER_VAD_DEFAULTS = { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200, idle_timeout_ms: null, create_response: true, interrupt_response: true };

export function createLocalEngine(o: LocalEngineOptions) {
  const conversationId = newId('conv');
  const sessionId = newId('sess');
  const conversation = createConversation();
  const session = {
    type: 'realtime',
    object: 'realtime.session',
    id: sessionId,
    model: 'local-engine',
    output_modalities: ['audio'] as ('audio' | 'text')[],
    instructions: '',
    tools: [] as { type: string; name: string }[],
    tool_choice: 'auto',
    max_output_tokens: 'inf' as number | 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    audio: {
      input: {
        format: PCM,
        transcription: null as null | { model: string },
        noise_reduction: null,
        turn_detection: { ...SERVER_VAD_DEFAULTS } as Record<string, any> | null,
      },
      output: { format: PCM, voice: 'alloy', speed: 1.0 },
    },
    include: null,
  };
  const vad = createVad({ threshold: 0.5, silence_duration_ms: 200 });
  let bufferedBytes = 0;
  let pendingUserItemId: string | null = null;
  let speechStartMs = 0;
  let totalInputBytes = 0;
  let active: ReturnType<typeof streamResponse> | null = null;
  let holding: ReturnType<typeof streamResponse> | null = null;
  let closed = false;
  const expiry = o.maxSessionMs
    ? setTimeout(() => {
        emit({ type: 'error', error: { type: 'invalid_request_error', code: 'session_expired', message: 'Your session hit the maximum duration.', param: null, event_id: null } });
        o.onExpire?.();
      }, o.maxSessionMs)
    : null;

  function emit(event: Event) {
    if (!closed) o.emit({ event_id: newId('event'), ...event });
  }

  function error(code: string, message: string, param: string | null = null, eventId: string | null = null) {
    emit({ type: 'error', error: { type: 'invalid_request_error', code, message, param, event_id: eventId } });
  }

  function vadSettings() {
    const td = session.audio.input.turn_detection;
    return { threshold: td?.threshold ?? 0.5, silence_duration_ms: td?.silence_duration_ms ?? 500 };
  }

  function startResponse(overrides: Record<string, any> = {}) {
    if (isHoldingRequest(overrides)) return startHolding(overrides);
    if (active) return error('conversation_already_has_active_response', 'Conversation already has an active response in progress.');
    const modalities = overrides.output_modalities ?? session.output_modalities;
    const stream = streamResponse(
      decide({ conversation, instructions: session.instructions, tools: session.tools, toolChoice: overrides.tool_choice }),
      { conversationId, modalities, voice: session.audio.output.voice, inputTokens: conversation.textTokens(), metadata: overrides.metadata, tickMs: o.tickMs },
      {
        emit,
        emitAudio: (meta, pcm) => !closed && o.emitAudio(meta, pcm),
        addItem: (item) =>
          conversation.add(
            item.type === 'message'
              ? { id: item.id, type: 'message', role: 'assistant', get text() { return item.text ?? ''; }, get audioMs() { return item.audioMs ?? 0; } }
              : { id: item.id, type: 'function_call', name: item.name!, call_id: item.call_id!, arguments: item.arguments! },
          ),
        done: () => {
          if (active === stream) active = null;
        },
      },
    );
    active = stream;
    stream.start();
  }

  // The holding line runs out of band beside the one in-conversation response (holding.ts).
  function startHolding(overrides: Record<string, any>) {
    if (holding) return error('conversation_already_has_active_response', 'A holding response is already in progress.');
    const stream: ReturnType<typeof streamResponse> = streamHolding({
      language: answerLanguage(session.instructions, conversation.items, shopView(session.instructions, session.tools).language),
      options: { modalities: overrides.output_modalities ?? session.output_modalities, voice: session.audio.output.voice, inputTokens: conversation.textTokens(), metadata: overrides.metadata, tickMs: o.tickMs },
      emit,
      emitAudio: (meta, pcm) => !closed && o.emitAudio(meta, pcm),
      lastId: () => conversation.lastId(),
      done: () => {
        if (holding === stream) holding = null;
      },
    });
    holding = stream;
    stream.start();
  }

  function cancel(e: Event) {
    const target = typeof e.response_id === 'string' && e.response_id ? [active, holding].find((s) => s?.id === e.response_id) : (active ?? holding);
    if (!target) return error('response_cancel_not_active', 'Cancellation failed: no active response found.', null, e.event_id);
    target.cancel('client_cancelled');
  }

  function commit(audioEndMs: number) {
    const itemId = pendingUserItemId ?? newId('item');
    pendingUserItemId = null;
    const audioMs = Math.max(0, audioEndMs - speechStartMs);
    const previous = conversation.add({ id: itemId, type: 'message', role: 'user', source: 'audio', audioMs });
    bufferedBytes = 0;
    emit({ type: 'input_audio_buffer.committed', previous_item_id: previous, item_id: itemId });
    const item = { id: itemId, type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
    emit({ type: 'conversation.item.added', previous_item_id: previous, item });
    emit({ type: 'conversation.item.done', previous_item_id: previous, item });
    if (session.audio.input.transcription) {
      emit({
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: { type: 'transcription_error', code: 'speech_not_supported', message: 'The local engine cannot transcribe speech.', param: null },
      });
    }
  }

  function onVad(events: ReturnType<typeof vad.push>) {
    const td = session.audio.input.turn_detection;
    for (const ev of events) {
      if (ev.type === 'speech_started') {
        pendingUserItemId = newId('item');
        speechStartMs = ev.audio_start_ms;
        emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: ev.audio_start_ms, item_id: pendingUserItemId });
        if (td?.interrupt_response !== false) for (const r of [active, holding]) r?.cancel('turn_detected');
      } else {
        emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: ev.audio_end_ms, item_id: pendingUserItemId });
        commit(ev.audio_end_ms);
        if (td?.create_response !== false) startResponse();
      }
    }
  }

  function addUserOrOutputItem(e: Event) {
    const item = e.item ?? {};
    const id: string = typeof item.id === 'string' && item.id ? item.id : newId('item');
    if (conversation.has(id)) return error('item_already_exists', `Item with id '${id}' already exists.`, 'item.id', e.event_id);
    if (item.type === 'function_call_output') {
      if (typeof item.call_id !== 'string' || typeof item.output !== 'string') {
        return error('invalid_value', 'function_call_output needs call_id and output strings.', 'item', e.event_id);
      }
      const previous = conversation.add({ id, type: 'function_call_output', call_id: item.call_id, output: item.output });
      const out = { id, type: 'function_call_output', call_id: item.call_id, output: item.output };
      emit({ type: 'conversation.item.added', previous_item_id: previous, item: out });
      emit({ type: 'conversation.item.done', previous_item_id: previous, item: out });
      return;
    }
    const part = Array.isArray(item.content) ? item.content[0] : null;
    // Assistant turns from an earlier session, as a gateway re-seeds a new one; the service accepts them the same way.
    if (item.type === 'message' && item.role === 'assistant' && part?.type === 'output_text' && typeof part.text === 'string') {
      const previous = conversation.add({ id, type: 'message', role: 'assistant', text: part.text, audioMs: 0 });
      const out = { id, type: 'message', status: 'completed', role: 'assistant', content: item.content };
      emit({ type: 'conversation.item.added', previous_item_id: previous, item: out });
      emit({ type: 'conversation.item.done', previous_item_id: previous, item: out });
      return;
    }
    if (item.type !== 'message' || item.role !== 'user' || part?.type !== 'input_text' || typeof part.text !== 'string') {
      return error('invalid_value', 'The local engine accepts user input_text messages, assistant output_text messages and function_call_output items.', 'item', e.event_id);
    }
    const text = (item.content as { text?: string }[]).map((c) => c.text ?? '').join('\n');
    const previous = conversation.add({ id, type: 'message', role: 'user', source: isContextText(text) ? 'context' : 'text', text });
    const out = { id, type: 'message', status: 'completed', role: 'user', content: item.content };
    emit({ type: 'conversation.item.added', previous_item_id: previous, item: out });
    emit({ type: 'conversation.item.done', previous_item_id: previous, item: out });
  }

  function truncate(e: Event) {
    const item = conversation.find(e.item_id);
    if (!item || item.type !== 'message' || item.role !== 'assistant') {
      return error('invalid_value', `Item '${String(e.item_id)}' is not an assistant message.`, 'item_id', e.event_id);
    }
    if (!(e.audio_end_ms >= 0) || e.audio_end_ms > item.audioMs + 1) {
      return error('invalid_value', 'audio_end_ms is longer than the audio of the item.', 'audio_end_ms', e.event_id);
    }
    emit({ type: 'conversation.item.truncated', item_id: item.id, content_index: e.content_index ?? 0, audio_end_ms: e.audio_end_ms });
  }

  function updateSession(e: Event) {
    const s = e.session;
    if (!s || typeof s !== 'object') return error('invalid_value', 'session must be an object.', 'session', e.event_id);
    if (typeof s.instructions === 'string') session.instructions = s.instructions;
    if (Array.isArray(s.tools)) session.tools = s.tools;
    if (Array.isArray(s.output_modalities)) session.output_modalities = s.output_modalities;
    if (typeof s.max_output_tokens === 'number') session.max_output_tokens = s.max_output_tokens;
    const input = s.audio?.input;
    if (input && 'turn_detection' in input) {
      const td = input.turn_detection;
      // The service fills in what an update leaves out, so clients always see the whole setting.
      session.audio.input.turn_detection =
        td?.type === 'server_vad' ? { ...SERVER_VAD_DEFAULTS, ...td } : td?.type === 'semantic_vad' ? { eagerness: 'auto', create_response: true, interrupt_response: true, ...td } : null;
    }
    if (input && 'transcription' in input) session.audio.input.transcription = input.transcription;
    if (s.audio?.output?.voice) session.audio.output.voice = s.audio.output.voice;
    vad.configure(vadSettings());
    emit({ type: 'session.updated', session: structuredClone(session) });
  }

  emit({ type: 'session.created', session: structuredClone(session) });

  return {
    appendAudio(pcm: Uint8Array) {
      if (closed) return;
      bufferedBytes += pcm.byteLength;
      totalInputBytes += pcm.byteLength;
      if (session.audio.input.turn_detection) onVad(vad.push(pcm));
    },
    handle(e: Event) {
      if (closed) return;
      switch (e.type) {
        case 'session.update':
          return updateSession(e);
        case 'input_audio_buffer.append':
          return error('invalid_value', 'Send audio to the local engine with appendAudio.', 'audio', e.event_id);
        case 'input_audio_buffer.commit':
          if (pcmBytesToMs(bufferedBytes) < 100) {
            return error('input_audio_buffer_commit_empty', 'Error committing input audio buffer: buffer too small. Expected at least 100ms of audio.', null, e.event_id);
          }
          speechStartMs = pcmBytesToMs(totalInputBytes - bufferedBytes);
          return commit(pcmBytesToMs(totalInputBytes));
        case 'input_audio_buffer.clear':
          bufferedBytes = 0;
          vad.reset();
          return emit({ type: 'input_audio_buffer.cleared' });
        case 'conversation.item.create':
          return addUserOrOutputItem(e);
        case 'conversation.item.delete':
          if (!conversation.remove(String(e.item_id))) return error('invalid_value', `Item with id '${String(e.item_id).slice(0, 80)}' not found.`, 'item_id', e.event_id);
          return emit({ type: 'conversation.item.deleted', item_id: e.item_id });
        case 'conversation.item.truncate':
          return truncate(e);
        case 'response.create':
          return startResponse(e.response ?? {});
        case 'response.cancel':
          return cancel(e);
        default:
          return error('invalid_value', `Invalid value: '${String(e.type).slice(0, 80)}'.`, 'type', e.event_id);
      }
    },
    /** What the engine holds, for tests that check the model really knows what was said. */
    inspect() {
      return { sessionId, conversationId, instructions: session.instructions, tools: session.tools.map((t) => t.name), items: conversation.items.slice(), audioBytes: totalInputBytes, maxOutputTokens: session.max_output_tokens };
    },
    close() {
      closed = true;
      active?.abort();
      holding?.abort();
      active = holding = null;
      if (expiry) clearTimeout(expiry);
    },
  };
}

export type LocalEngine = ReturnType<typeof createLocalEngine>;
