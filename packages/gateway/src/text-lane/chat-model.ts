/**
 * A text model over Chat Completions (`openai` package, streaming), for
 * services and Azure deployments that offer no Responses API.
 */
import type OpenAI from 'openai';
import type { TextItem, TextModel, TextModelEvent, TextTurnRequest } from './text-model.js';

type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** Consecutive calls are one assistant message with several tool_calls, as Chat expects. */
function chatMessages(instructions: string, items: TextItem[]): ChatMessage[] {
  const out: ChatMessage[] = [{ role: 'system', content: instructions }];
  for (const item of items) {
    if (item.type === 'message') out.push({ role: item.role, content: item.text });
    else if (item.type === 'function_call_output') out.push({ role: 'tool', tool_call_id: item.call_id, content: item.output });
    else {
      const call = { id: item.call_id, type: 'function' as const, function: { name: item.name, arguments: item.arguments } };
      const last = out.at(-1);
      if (last?.role === 'assistant' && last.tool_calls) last.tool_calls.push(call);
      else out.push({ role: 'assistant', content: null, tool_calls: [call] });
    }
  }
  return out;
}

export function chatModel(client: OpenAI, provider: 'openai' | 'azure', model: string): TextModel {
  return {
    provider,
    model,
    async *stream(r: TextTurnRequest, signal: AbortSignal): AsyncIterable<TextModelEvent> {
      const stream = await client.chat.completions.create(
        {
          model: r.model,
          messages: chatMessages(r.instructions, r.input),
          ...(r.tools.length
            ? { tools: r.tools.map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters as Record<string, unknown> } })), tool_choice: r.toolChoice }
            : {}),
          ...(r.maxOutputTokens ? { max_completion_tokens: r.maxOutputTokens } : {}),
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      // Tool calls arrive in pieces by index; each is whole only when the stream ends.
      const calls = new Map<number, { call_id: string; name: string; arguments: string }>();
      let usage: unknown = null;
      for await (const chunk of stream) {
        if (chunk.usage) usage = chunk.usage;
        const delta = chunk.choices[0]?.delta;
        if (delta?.content) yield { type: 'text', delta: delta.content };
        for (const part of delta?.tool_calls ?? []) {
          const call = calls.get(part.index) ?? { call_id: '', name: '', arguments: '' };
          if (part.id) call.call_id = part.id;
          if (part.function?.name) call.name += part.function.name;
          if (part.function?.arguments) call.arguments += part.function.arguments;
          calls.set(part.index, call);
        }
      }
      for (const call of calls.values()) yield { type: 'call', ...call };
      yield { type: 'usage', usage };
    },
  };
}
