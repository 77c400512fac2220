/**
 * A stand-in text model service on 127.0.0.1: POST /v1/responses and
 * /v1/chat/completions answered with the services' streaming wire format
 * (server-sent events), scripted per request, at a set pace, so the real
 * `openai` client can be pointed at it. It records every request body.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TextReply {
  text?: string;
  calls?: { name: string; arguments: string }[];
  /** An HTTP error instead of an answer. */
  status?: number;
  /** Before the first event, and between text chunks, in ms: a service's recorded pace. */
  firstMs?: number;
  chunkMs?: number;
  /** Characters per text delta. Default 12. */
  chunkChars?: number;
  usage?: { input: number; output: number; cached?: number };
}

export interface TextRequest {
  api: 'responses' | 'chat';
  body: Record<string, any>;
}

export interface TextService {
  baseURL: string;
  requests: TextRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const estimate = (v: unknown) => Math.ceil(JSON.stringify(v ?? '').length / 4);

async function body(req: IncomingMessage) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text || '{}');
}

export async function startTextService(script: (r: TextRequest, index: number) => TextReply | Promise<TextReply>): Promise<TextService> {
  const requests: TextRequest[] = [];
  const server = createServer(async (req, res) => {
    const api = req.url === '/v1/responses' ? 'responses' : req.url === '/v1/chat/completions' ? 'chat' : null;
    if (req.method !== 'POST' || !api) return void res.writeHead(404).end();
    const request = { api, body: await body(req) } as TextRequest;
    requests.push(request);
    const reply = await script(request, requests.length - 1);
    if (reply.status) {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: 'scripted failure', type: 'server_error', code: null } }));
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let closed = false;
    res.on('close', () => (closed = true));
    const send = (event: string | null, data: object) => !closed && res.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`);
    if (reply.firstMs) await sleep(reply.firstMs);
    const text = reply.text ?? '';
    const size = reply.chunkChars ?? 12;
    const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
    const input = reply.usage?.input ?? estimate(request.body.input ?? request.body.messages) + estimate(request.body.instructions);
    const output = reply.usage?.output ?? Math.max(1, Math.ceil((text.length + JSON.stringify(reply.calls ?? []).length) / 4));
    const cached = reply.usage?.cached ?? 0;
    const id = `resp_${requests.length}`;
    if (api === 'responses') {
      send('response.created', { type: 'response.created', sequence_number: 0, response: { id, object: 'response', status: 'in_progress', output: [] } });
      let seq = 1;
      const output_items: object[] = [];
      if (chunks.length) {
        const item = { id: `msg_${requests.length}`, type: 'message', role: 'assistant', status: 'in_progress', content: [] };
        send('response.output_item.added', { type: 'response.output_item.added', sequence_number: seq++, output_index: 0, item });
        for (const [i, delta] of chunks.entries()) {
          if (i && reply.chunkMs) await sleep(reply.chunkMs);
          send('response.output_text.delta', { type: 'response.output_text.delta', sequence_number: seq++, item_id: item.id, output_index: 0, content_index: 0, delta, logprobs: [] });
        }
        const done = { ...item, status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
        send('response.output_item.done', { type: 'response.output_item.done', sequence_number: seq++, output_index: 0, item: done });
        output_items.push(done);
      }
      for (const [i, call] of (reply.calls ?? []).entries()) {
        const item = { id: `fc_${requests.length}_${i}`, type: 'function_call', status: 'completed', call_id: `call_${requests.length}_${i}`, name: call.name, arguments: call.arguments };
        send('response.output_item.added', { type: 'response.output_item.added', sequence_number: seq++, output_index: output_items.length, item: { ...item, arguments: '' } });
        send('response.output_item.done', { type: 'response.output_item.done', sequence_number: seq++, output_index: output_items.length, item });
        output_items.push(item);
      }
      const usage = { input_tokens: input, input_tokens_details: { cached_tokens: cached }, output_tokens: output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + output };
      send('response.completed', { type: 'response.completed', sequence_number: seq, response: { id, object: 'response', status: 'completed', output: output_items, usage } });
    } else {
      const chunk = (delta: object, extra: object = {}) => send(null, { id, object: 'chat.completion.chunk', created: 0, model: request.body.model, choices: [{ index: 0, delta, finish_reason: null }], ...extra });
      for (const [i, delta] of chunks.entries()) {
        if (i && reply.chunkMs) await sleep(reply.chunkMs);
        chunk({ content: delta });
      }
      for (const [i, call] of (reply.calls ?? []).entries()) {
        // Split in two, as the service sends tool calls in pieces.
        const half = Math.floor(call.arguments.length / 2);
        chunk({ tool_calls: [{ index: i, id: `call_${requests.length}_${i}`, type: 'function', function: { name: call.name, arguments: call.arguments.slice(0, half) } }] });
        chunk({ tool_calls: [{ index: i, function: { arguments: call.arguments.slice(half) } }] });
      }
      send(null, { id, object: 'chat.completion.chunk', created: 0, model: request.body.model, choices: [], usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output, prompt_tokens_details: { cached_tokens: cached } } });
      if (!closed) res.write('data: [DONE]\n\n');
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
