/**
 * A text model over the Responses API (`openai` package, streaming). Nothing
 * is stored at the service (`store: false`): the gateway's record is the
 * conversation, sent whole each turn as a Chat client would.
 */
import type OpenAI from 'openai';
import type { TextItem, TextModel, TextModelEvent, TextTurnRequest } from './text-model.js';

function inputItems(items: TextItem[]) {
  return items.map((item) => {
    switch (item.type) {
      case 'message':
        return { type: 'message' as const, role: item.role, content: item.text };
      case 'function_call':
        return { type: 'function_call' as const, call_id: item.call_id, name: item.name, arguments: item.arguments };
      case 'function_call_output':
        return { type: 'function_call_output' as const, call_id: item.call_id, output: item.output };
    }
  });
}

export function responsesModel(client: OpenAI, provider: 'openai' | 'azure', model: string): TextModel {
  return {
    provider,
    model,
    async *stream(r: TextTurnRequest, signal: AbortSignal): AsyncIterable<TextModelEvent> {
      const stream = await client.responses.create(
        {
          model: r.model,
          instructions: r.instructions,
          input: inputItems(r.input),
          ...(r.tools.length
            ? { tools: r.tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description ?? null, parameters: (t.parameters ?? null) as Record<string, unknown> | null, strict: false })), tool_choice: r.toolChoice }
            : {}),
          ...(r.maxOutputTokens ? { max_output_tokens: r.maxOutputTokens } : {}),
          store: false,
          stream: true,
        },
        { signal },
      );
      for await (const event of stream) {
        switch (event.type) {
          case 'response.output_text.delta':
            yield { type: 'text', delta: event.delta };
            break;
          case 'response.output_item.done':
            if (event.item.type === 'function_call') yield { type: 'call', call_id: event.item.call_id, name: event.item.name, arguments: event.item.arguments };
            break;
          case 'response.completed':
          case 'response.incomplete':
            yield { type: 'usage', usage: event.response.usage };
            return;
          case 'response.failed':
            throw new Error(`text model failed: ${event.response.error?.code ?? 'unknown'}`);
          case 'error':
            throw new Error(`text model error: ${event.code ?? 'unknown'}`);
        }
      }
    },
  };
}
