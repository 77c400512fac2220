/**
 * Streams one response as the service does: created, items, parts, deltas,
 * done, paced faster than real time, and cancellable at any point.
 */
import { SAMPLE_RATE } from '@contoso-voice/protocol';
import type { AudioDeltaMeta } from '../types.js';
import { newId } from './ids.js';
import { renderHum, speechDurationMs } from './voice.js';

type Event = Record<string, unknown> & { type: string };

export type ResponseContent =
  | { kind: 'message'; text: string }
  | { kind: 'calls'; calls: { name: string; arguments: string }[] };

export interface StreamedItem {
  id: string;
  type: 'message' | 'function_call';
  text?: string;
  /** Audio generated for a message item, in ms: the most a truncate may keep. */
  audioMs?: number;
  name?: string;
  call_id?: string;
  arguments?: string;
}

export interface ResponseSink {
  emit(event: Event): void;
  emitAudio(meta: AudioDeltaMeta, pcm: Uint8Array): void;
  /** Called as each item is added, so the conversation holds it in order. */
  addItem(item: StreamedItem): string | null;
  done(): void;
}

export interface ResponseOptions {
  /** null for an out-of-band response (conversation "none"), as the service reports it. */
  conversationId: string | null;
  /** Out of band: no conversation.item.* events, since nothing joins the conversation. */
  outOfBand?: boolean;
  modalities: ('audio' | 'text')[];
  voice: string;
  inputTokens: number;
  metadata?: unknown;
  tickMs?: number;
}

/** 100 ms of audio every 12 ms: about eight times real time, as the service runs well ahead of playback. */
const AUDIO_CHUNK_MS = 100;
const TICK_MS = 12;
const WORDS_PER_TEXT_TICK = 3;

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export function streamResponse(content: ResponseContent, o: ResponseOptions, sink: ResponseSink) {
  const id = newId('resp');
  const output: Event[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let finished = false;
  let outputText = '';
  let outputAudioMs = 0;
  let finishOpenItem: ((status: 'incomplete') => void) | null = null;
  const toConversation = (event: Event) => {
    if (!o.outOfBand) sink.emit(event);
  };

  const response = (status: string, extra: object = {}) => ({
    object: 'realtime.response',
    id,
    status,
    status_details: null,
    output: [...output],
    conversation_id: o.conversationId,
    output_modalities: o.modalities,
    max_output_tokens: 'inf',
    audio: { output: { format: { type: 'audio/pcm', rate: SAMPLE_RATE }, voice: o.voice } },
    usage: null,
    metadata: o.metadata ?? null,
    ...extra,
  });

  function usage() {
    const textTokens = tokens(outputText);
    const audioTokens = Math.ceil(outputAudioMs / 50);
    return {
      total_tokens: o.inputTokens + textTokens + audioTokens,
      input_tokens: o.inputTokens,
      output_tokens: textTokens + audioTokens,
      input_token_details: { text_tokens: o.inputTokens, audio_tokens: 0, image_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 } },
      output_token_details: { text_tokens: textTokens, audio_tokens: audioTokens },
    };
  }

  function finish(status: 'completed' | 'cancelled', reason?: string) {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    finishOpenItem?.('incomplete');
    sink.emit({
      type: 'response.done',
      event_id: newId('event'),
      response: response(status, {
        status_details: status === 'cancelled' ? { type: 'cancelled', reason: reason ?? 'client_cancelled', error: null } : null,
        usage: usage(),
      }),
    });
    sink.done();
  }

  const later = (fn: () => void, ms = o.tickMs ?? TICK_MS) => {
    timer = setTimeout(() => {
      timer = null;
      if (!finished) fn();
    }, ms);
  };

  function emitCalls(calls: { name: string; arguments: string }[]) {
    calls.forEach((call, outputIndex) => {
      const item = { id: newId('item'), type: 'function_call', status: 'in_progress', name: call.name, call_id: newId('call'), arguments: '' };
      const previous = sink.addItem({ id: item.id, type: 'function_call', name: call.name, call_id: item.call_id, arguments: call.arguments });
      sink.emit({ type: 'response.output_item.added', event_id: newId('event'), response_id: id, output_index: outputIndex, item });
      toConversation({ type: 'conversation.item.added', event_id: newId('event'), previous_item_id: previous, item });
      const ref = { response_id: id, item_id: item.id, output_index: outputIndex, call_id: item.call_id };
      for (const delta of call.arguments.match(/.{1,12}/gs) ?? []) {
        sink.emit({ type: 'response.function_call_arguments.delta', event_id: newId('event'), ...ref, delta });
      }
      sink.emit({ type: 'response.function_call_arguments.done', event_id: newId('event'), ...ref, name: call.name, arguments: call.arguments });
      const done = { ...item, status: 'completed', arguments: call.arguments };
      toConversation({ type: 'conversation.item.done', event_id: newId('event'), previous_item_id: previous, item: done });
      sink.emit({ type: 'response.output_item.done', event_id: newId('event'), response_id: id, output_index: outputIndex, item: done });
      output.push(done);
      outputText += call.arguments;
    });
    later(() => finish('completed'), 0);
  }

  function emitMessage(text: string) {
    const audio = o.modalities.includes('audio');
    const item = { id: newId('item'), type: 'message', status: 'in_progress', role: 'assistant', content: [] as object[] };
    const stored: StreamedItem = { id: item.id, type: 'message', text, audioMs: 0 };
    const previous = sink.addItem(stored);
    const ref = { response_id: id, item_id: item.id, output_index: 0, content_index: 0 };
    sink.emit({ type: 'response.output_item.added', event_id: newId('event'), response_id: id, output_index: 0, item });
    toConversation({ type: 'conversation.item.added', event_id: newId('event'), previous_item_id: previous, item });
    sink.emit({ type: 'response.content_part.added', event_id: newId('event'), ...ref, part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });

    const words = text.match(/\S+\s*/g) ?? [text];
    let said = '';
    let wordIndex = 0;
    const totalSamples = Math.round((speechDurationMs(text) * SAMPLE_RATE) / 1000);
    const chunkSamples = (AUDIO_CHUNK_MS * SAMPLE_RATE) / 1000;
    let sample = 0;

    const closeItem = (status: 'completed' | 'incomplete') => {
      finishOpenItem = null;
      const part = audio ? { type: 'audio', transcript: said } : { type: 'text', text: said };
      if (status === 'completed') {
        if (audio) {
          sink.emit({ type: 'response.output_audio.done', event_id: newId('event'), ...ref });
          sink.emit({ type: 'response.output_audio_transcript.done', event_id: newId('event'), ...ref, transcript: said });
        } else {
          sink.emit({ type: 'response.output_text.done', event_id: newId('event'), ...ref, text: said });
        }
      }
      sink.emit({ type: 'response.content_part.done', event_id: newId('event'), ...ref, part });
      const done = { ...item, status, content: [audio ? { type: 'output_audio', transcript: said } : { type: 'output_text', text: said }] };
      stored.text = said;
      toConversation({ type: 'conversation.item.done', event_id: newId('event'), previous_item_id: previous, item: done });
      sink.emit({ type: 'response.output_item.done', event_id: newId('event'), response_id: id, output_index: 0, item: done });
      output.push(done);
      outputText = said;
    };
    finishOpenItem = closeItem;

    const say = (upTo: number) => {
      while (wordIndex < upTo && wordIndex < words.length) {
        const delta = words[wordIndex++]!;
        said += delta;
        sink.emit({ type: audio ? 'response.output_audio_transcript.delta' : 'response.output_text.delta', event_id: newId('event'), ...ref, delta });
      }
    };

    const tick = () => {
      if (audio) {
        const count = Math.min(chunkSamples, totalSamples - sample);
        // Words keep pace with the audio, as the service's transcript does.
        say(Math.ceil(((sample + count) / totalSamples) * words.length));
        sink.emitAudio(ref, renderHum(sample, count, totalSamples));
        sample += count;
        outputAudioMs = (sample / SAMPLE_RATE) * 1000;
        stored.audioMs = outputAudioMs;
        if (sample < totalSamples) return later(tick);
      } else {
        say(wordIndex + WORDS_PER_TEXT_TICK);
        if (wordIndex < words.length) return later(tick);
      }
      closeItem('completed');
      finish('completed');
    };
    later(tick, 0);
  }

  return {
    id,
    start() {
      sink.emit({ type: 'response.created', event_id: newId('event'), response: response('in_progress') });
      if (content.kind === 'calls') emitCalls(content.calls);
      else emitMessage(content.text);
    },
    cancel(reason: 'client_cancelled' | 'turn_detected') {
      finish('cancelled', reason);
    },
    /** Ends the stream without events, when the session itself is closing. */
    abort() {
      finished = true;
      if (timer) clearTimeout(timer);
    },
  };
}
