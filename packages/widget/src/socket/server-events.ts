/**
 * Server events into stores. Pure bookkeeping: what the client does about
 * audio (barge-in, playback) it is told through the hooks.
 */
import type { ErrorCode, GatewayToolCallEvent, ProductCard, ServerEvent } from '@contoso-voice/protocol';
import type { MessagesStore } from '../stores/messages.js';

export interface ServerEventHooks {
  messages: MessagesStore;
  /** `maxText`: the longest text the session takes (its limits). */
  sessionStarted(sessionId: string, maxText?: number): void;
  products(cards: ProductCard[]): void;
  error(code: ErrorCode, message: string, eventId?: string | null): void;
  /** Something to tell the shopper that is not an error (the session nearing its end). */
  notice(message: string): void;
  speechStarted(): void;
  speechStopped(): void;
  /** Binary audio that follows belongs to this item. */
  audioItem(itemId: string): void;
  audioDone(itemId: string): void;
  responseActive(id: string | null): void;
  /** The answer's first words arrived (and more): spoken, as a transcript of audio, or as text. */
  answered(spoken: boolean): void;
  /** A response ended; `followed` when its outputs are tool calls, which the gateway answers with another response. */
  responseDone(followed: boolean): void;
  /** The model called a tool the page runs. */
  toolCall(event: GatewayToolCallEvent): void;
}

type Any = Record<string, any>;

export function createServerEventHandler(h: ServerEventHooks) {
  const m = h.messages;
  return (event: ServerEvent) => {
    const e = event as Any;
    switch (e.type) {
      case 'gateway.session':
        return h.sessionStarted(e.session_id, e.limits?.max_text_chars);
      case 'gateway.products':
        return h.products(e.products);
      // The standard `error` before it says the same, for SDKs; the widget reads this one.
      case 'gateway.error':
        if (e.code === 'response_timeout') {
          // The gateway gave up on the answer: its fallback line is the assistant's turn, and no response is active any more.
          h.responseActive(null);
          m.add({ id: `timeout_${Date.now()}`, role: 'assistant', text: e.message });
        }
        return h.error(e.code, e.message, e.event_id);
      case 'gateway.notice':
        return h.notice(e.message);
      case 'gateway.tool_call':
        return h.toolCall(e as GatewayToolCallEvent);
      case 'input_audio_buffer.speech_started':
        return h.speechStarted();
      case 'input_audio_buffer.speech_stopped':
        return h.speechStopped();
      // The shopper's spoken turn has its place from its commit on; its transcript follows by item id, in whatever order.
      case 'input_audio_buffer.committed':
        return m.voiceTurn(e.item_id, null, e.previous_item_id);
      case 'conversation.item.added':
      case 'conversation.item.done': {
        const item = e.item as Any;
        if (item.type !== 'message' || item.role !== 'user') return;
        const part = item.content?.[0];
        if (part?.type === 'input_audio') m.voiceTurn(item.id, part.transcript, e.previous_item_id);
        else if (part?.type === 'input_text' && e.type === 'conversation.item.added') m.adopt(item.content.map((c: Any) => c.text).join('\n'), item.id);
        return;
      }
      case 'conversation.item.input_audio_transcription.delta':
        return m.append(e.item_id, 'user', e.delta, true);
      case 'conversation.item.input_audio_transcription.completed':
        return m.finish(e.item_id, e.transcript);
      case 'conversation.item.input_audio_transcription.failed':
        return m.finish(e.item_id, '');
      case 'response.created':
        return h.responseActive(e.response.id);
      case 'response.done': {
        h.responseActive(null);
        const output: Any[] = e.response.output ?? [];
        for (const item of output) if (item.type === 'message') m.finish(item.id);
        return h.responseDone(output.some((item) => item.type === 'function_call'));
      }
      case 'response.output_text.delta':
        h.answered(false);
        return m.append(e.item_id, 'assistant', e.delta);
      case 'response.output_audio_transcript.delta':
        h.answered(true);
        return m.append(e.item_id, 'assistant', e.delta, true);
      case 'response.output_text.done':
        return m.finish(e.item_id, e.text);
      case 'response.output_audio_transcript.done':
        return m.finish(e.item_id, e.transcript);
      case 'response.content_part.added':
        if (e.part?.type === 'audio') h.audioItem(e.item_id);
        return;
      case 'response.output_audio.done':
        return h.audioDone(e.item_id);
    }
  };
}
