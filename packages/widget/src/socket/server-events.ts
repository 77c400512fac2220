/**
 * Server events into stores. Pure bookkeeping: what the client does about
 * audio (barge-in, playback) it is told through the hooks.
 */
import type { ErrorCode, GatewayToolCallEvent, ProductCard, ServerEvent } from '@contoso-voice/protocol';
import type { MessagesStore } from '../stores/messages.js';

export interface ServerEventHooks {
  messages: MessagesStore;
  sessionStarted(sessionId: string): void;
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
        return h.sessionStarted(e.session_id);
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
      case 'conversation.item.added': {
        const item = e.item as Any;
        if (item.type !== 'message' || item.role !== 'user') return;
        const part = item.content?.[0];
        if (part?.type === 'input_text') m.adopt(item.content.map((c: Any) => c.text).join('\n'), item.id);
        else if (part?.type === 'input_audio') m.add({ id: item.id, role: 'user', text: part.transcript ?? '', voice: true, partial: !part.transcript });
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
      case 'response.done':
        h.responseActive(null);
        for (const item of e.response.output ?? []) if (item.type === 'message') m.finish(item.id);
        return;
      case 'response.output_text.delta':
        return m.append(e.item_id, 'assistant', e.delta);
      case 'response.output_audio_transcript.delta':
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
