/**
 * The local engine as a text model: the same decisions (decide.ts) over the
 * same conversation, streamed as a text service streams, so the text lane
 * runs offline and in tests exactly as the realtime lane does.
 */
import type { TextItem, TextModel, TextModelEvent, TextTurnRequest } from '../../text-lane/text-model.js';
import { createConversation, isContextText } from './conversation.js';
import { decide } from './decide.js';
import { newId } from './ids.js';

export interface LocalTextModelOptions {
  /** Milliseconds between streamed chunks, as the realtime engine paces its text. */
  tickMs?: number;
}

const WORDS_PER_CHUNK = 3;
const TICK_MS = 12;
const tokens = (chars: number) => Math.ceil(chars / 4);

function conversationOf(items: TextItem[]) {
  const conversation = createConversation();
  for (const item of items) {
    const id = newId('item');
    if (item.type === 'function_call') conversation.add({ id, ...item });
    else if (item.type === 'function_call_output') conversation.add({ id, ...item });
    else if (item.role === 'assistant') conversation.add({ id, type: 'message', role: 'assistant', text: item.text, audioMs: 0 });
    // The gateway's own notes (page context, a budget's wrap-up) are data, not a shopper's turn.
    else conversation.add({ id, type: 'message', role: 'user', source: item.role === 'system' || isContextText(item.text) ? 'context' : 'text', text: item.text });
  }
  return conversation;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => (clearTimeout(timer), reject(signal.reason));
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

export function localTextModel(model = 'local-text', o: LocalTextModelOptions = {}): TextModel {
  return {
    provider: 'local',
    model,
    async *stream(r: TextTurnRequest, signal: AbortSignal): AsyncIterable<TextModelEvent> {
      const conversation = conversationOf(r.input);
      // Counted as the realtime engine counts: the conversation's text, so the two lanes compare like for like.
      const inputTokens = conversation.textTokens();
      const content = decide({ conversation, instructions: r.instructions, tools: r.tools, toolChoice: r.toolChoice });
      let outputChars = 0;
      await pause(0, signal);
      if (content.kind === 'calls') {
        for (const call of content.calls) {
          outputChars += call.arguments.length;
          yield { type: 'call', call_id: newId('call'), name: call.name, arguments: call.arguments };
        }
      } else {
        const words = content.text.match(/\S+\s*/g) ?? [];
        for (let i = 0; i < words.length; i += WORDS_PER_CHUNK) {
          if (i) await pause(o.tickMs ?? TICK_MS, signal);
          const delta = words.slice(i, i + WORDS_PER_CHUNK).join('');
          outputChars += delta.length;
          yield { type: 'text', delta };
        }
      }
      const output = Math.max(1, tokens(outputChars));
      yield {
        type: 'usage',
        usage: { input_tokens: inputTokens, input_tokens_details: { cached_tokens: 0 }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: inputTokens + output },
      };
    },
  };
}
