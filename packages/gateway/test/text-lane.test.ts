/**
 * The text lane with the real `openai` client against a stand-in text
 * service (Responses API over SSE) and the local engine as the realtime
 * model: typed turns go to the text model and voice to the realtime one,
 * in one conversation, one record and one event stream.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { askInText, connectClient, type TestClient } from './helpers/socket-client.js';
import { silenceFrames, wavFrames } from './helpers/wav.js';
import { startTextService, type TextReply, type TextRequest, type TextService } from './helpers/text-service.js';
import { eventually } from './helpers/eventually.js';
import { bundledDemo } from '../src/sites/demo-site.js';
import { textModelsFromEnv } from '../src/text-lane/text-models.js';
import type { SiteTextModel } from '../src/text-lane/site-text-model.js';

let gw: TestGateway | null = null;
let service: TextService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

const TEXT_MODEL: SiteTextModel = { provider: 'openai', model: 'gpt-4.1-mini', deployment: 'gpt-4.1-mini', api: 'responses', fallback: true, quietMs: 300 };

async function start(script: (r: TextRequest, i: number) => TextReply, textModel: Partial<SiteTextModel> = {}) {
  service = await startTextService(script);
  const demo = bundledDemo();
  const sites = demo.sites.map((s) => ({ ...s, textModel: { ...TEXT_MODEL, ...textModel } }));
  // The test sends a fixture's audio frames at once, faster than a microphone.
  gw = await startTestGateway({ ...demo, sites, limits: { messagesPerSecond: 10_000 }, textModels: textModelsFromEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: service.baseURL }) });
  const client = await connectClient(`${gw.wsUrl}?site=demo`);
  await client.waitFor('gateway.session');
  return { client, gw, service };
}

const responsesDone = (c: TestClient) => c.events().filter((e) => e.type === 'response.done');
const lastInput = (s: TextService) => s.requests.at(-1)!.body.input as { type: string; role?: string; content?: string; output?: string; name?: string }[];
const texts = (s: TextService, i: number) => (s.requests[i]!.body.input as { role?: string; content?: string }[]).filter((m) => m.content).map((m) => `${m.role}: ${m.content}`);

/** Speech, then enough silence for the engine's VAD to end the turn. */
function talk(client: TestClient) {
  for (const frame of [...wavFrames('tent-for-four.wav'), ...silenceFrames(800)]) client.sendRaw(frame);
}

async function answered(client: TestClient, n: number) {
  await eventually(() => responsesDone(client).length >= n || undefined, `${n} responses done`, 8000);
  return responsesDone(client)[n - 1]!;
}

describe('typed turns on the text model', () => {
  it('type, talk, type again: each lane answers its turns from one record, and the realtime socket opens only for voice', async () => {
    const { client, gw, service } = await start((r, i) =>
      i === 0 ? { calls: [{ name: 'search_products', arguments: JSON.stringify({ query: 'tent for four' }) }] } : { text: i === 1 ? 'The Basecamp 4 sleeps four.' : 'Yes, it is waterproof.' },
    );
    askInText(client, 'Do you have a tent for four?');
    const first = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((o: { type: string }) => o.type === 'message'), 8000);
    expect(first.response.metadata).toMatchObject({ lane: 'text', text_model: 'gpt-4.1-mini' });
    expect(first.response.usage.input_tokens).toBeGreaterThan(0);
    // The server tool ran, and its output went to the text model with the same instructions and tools the realtime model gets.
    expect(client.events().some((e) => e.type === 'gateway.products')).toBe(true);
    expect(service.requests[0]!.body.instructions).toContain('Contoso Outdoor');
    expect(service.requests[0]!.body.tools.map((t: { name: string }) => t.name)).toContain('search_products');
    expect(lastInput(service).some((i) => i.type === 'function_call_output')).toBe(true);
    expect(client.events().filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('')).toBe('The Basecamp 4 sleeps four.');
    // Only typing so far: no realtime model session at all.
    expect(gw.engines).toHaveLength(0);

    talk(client);
    const spoken = await client.waitFor((e) => e.type === 'response.output_audio_transcript.done', 8000);
    expect(gw.engines).toHaveLength(1);
    // The realtime session was seeded from the record: the typed question and the text model's answer.
    const seeded = gw.engines[0]!.inspect().items.filter((i) => 'text' in i).map((i) => (i as { text: string }).text);
    expect(seeded).toContain('Do you have a tent for four?');
    expect(seeded).toContain('The Basecamp 4 sleeps four.');

    await new Promise((r) => setTimeout(r, 400));
    askInText(client, 'Is it waterproof?');
    const third = await eventually(() => responsesDone(client).find((d) => d.response.metadata?.lane === 'text' && d.response.output.some((o: { content?: { text: string }[] }) => o.content?.[0]?.text === 'Yes, it is waterproof.')), 'the third answer', 8000);
    expect(third.response.status).toBe('completed');
    // The text model got the whole conversation, the spoken answer included.
    expect(texts(service, 2)).toEqual(expect.arrayContaining(['user: Do you have a tent for four?', 'assistant: The Basecamp 4 sleeps four.', `assistant: ${spoken.transcript}`, 'user: Is it waterproof?']));
    expect(gw.logs.filter((l) => l.event === 'lane.switch').map((l) => `${l.fields.to}:${l.fields.why}`)).toEqual(['realtime:voice', 'text:typed']);
    // Each text answer priced with its own model.
    const usage = gw.logs.filter((l) => l.event === 'usage.response' && l.fields.lane === 'text');
    expect(usage.length).toBe(3);
    expect(usage.every((l) => l.fields.model === 'gpt-4.1-mini' && (l.fields.usd as number) > 0)).toBe(true);
    // One event stream: responses never overlap.
    let open = 0;
    for (const e of client.events()) {
      if (e.type === 'response.created') expect(++open).toBe(1);
      if (e.type === 'response.done') open--;
    }
  });

  it('typed turns while voice is on stay on the realtime model until the quiet time has passed', async () => {
    const { client, gw, service } = await start(() => ({ text: 'Typed answer.' }), { quietMs: 10_000 });
    talk(client);
    await client.waitFor('response.output_audio_transcript.done', 8000);
    askInText(client, 'Do you have a tent for four?');
    const done = await eventually(() => responsesDone(client).find((d) => d.response.output.some((o: { type: string }) => o.type === 'message') && d.response.output_modalities?.includes('text')), 'a typed answer', 8000);
    expect(done.response.metadata?.lane).not.toBe('text');
    expect(service.requests).toHaveLength(0);
    expect(gw.engines).toHaveLength(1);
  });

  it('a client tool the text model calls goes to the page, and its result back to the text model', async () => {
    const { client, service } = await start((r, i) =>
      i === 0 ? { calls: [{ name: 'add_to_cart', arguments: JSON.stringify({ product_id: 'tent-basecamp-4', quantity: 1 }) }] } : { text: 'Added.' },
    );
    askInText(client, 'add the basecamp tent');
    const call = await client.waitFor('gateway.tool_call', 8000);
    expect(call.name).toBe('add_to_cart');
    client.send({ type: 'gateway.tool_result', call_id: call.call_id, output: { added: true, cart: { count: 1 } } });
    const done = await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'Added.', 8000);
    expect(done).toBeTruthy();
    const output = lastInput(service).find((i) => i.type === 'function_call_output')!;
    expect(JSON.parse(output.output!)).toMatchObject({ result: { added: true } });
  });

  it.each([
    ['an unknown tool', { name: 'launch_rockets', arguments: '{}' }],
    ['malformed arguments', { name: 'search_products', arguments: '{"query": ' }],
  ])('%s is answered as on the realtime lane, and the text model answers after it', async (_, call) => {
    const { client, service } = await start((r, i) => (i === 0 ? { calls: [call] } : { text: 'Sorry about that.' }));
    askInText(client, 'hello');
    await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'Sorry about that.', 8000);
    const output = lastInput(service).find((i) => i.type === 'function_call_output')!;
    expect(JSON.parse(output.output!)).toHaveProperty('error');
  });

  it('an empty answer ends its response, and the next turn is answered', async () => {
    const { client } = await start((r, i) => (i === 0 ? {} : { text: 'Here now.' }));
    askInText(client, 'hello?');
    const empty = await answered(client, 1);
    expect(empty.response).toMatchObject({ status: 'completed', output: [] });
    askInText(client, 'still there?');
    await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'Here now.', 8000);
  });

  it('voice while a typed answer streams: the typed answer is cancelled before the spoken turn begins', async () => {
    const { client, gw } = await start(() => ({ text: 'A long answer that streams slowly, word after word, for a while.', chunkChars: 4, chunkMs: 60 }));
    askInText(client, 'tell me about tents');
    await client.waitFor('response.output_text.delta', 8000);
    talk(client);
    await client.waitFor('response.output_audio_transcript.done', 8000);
    const events = client.events();
    const cancelled = events.findIndex((e) => e.type === 'response.done' && e.response.metadata?.lane === 'text');
    expect(events[cancelled]!.response.status).toBe('cancelled');
    const firstVoice = events.findIndex((e) => e.type.startsWith('input_audio_buffer.'));
    expect(cancelled).toBeLessThan(firstVoice);
    // Nothing of the typed answer after it ended.
    expect(events.slice(cancelled).some((e) => e.type === 'response.output_text.delta')).toBe(false);
    expect(gw.logs.some((l) => l.event === 'lane.switch' && l.fields.why === 'voice')).toBe(true);
  });

  it('a text model that is down hands the turn to the realtime model, with a log line', async () => {
    const { client, gw } = await start(() => ({ status: 500 }));
    askInText(client, 'Do you have a tent for four?');
    const done = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((o: { type: string }) => o.type === 'message'), 8000);
    expect(done.response.metadata?.lane).not.toBe('text');
    expect(done.response.status).toBe('completed');
    expect(gw.logs.some((l) => l.event === 'lane.fallback' && l.fields.from === 'text' && l.fields.to === 'realtime')).toBe(true);
    expect(gw.engines).toHaveLength(1);
  });

  it('a realtime model that cannot be reached hands the waiting typed turn to the text model', async () => {
    service = await startTextService(() => ({ text: 'Typed answer.' }));
    const demo = bundledDemo();
    const sites = demo.sites.map((s) => ({ ...s, textModel: { ...TEXT_MODEL, quietMs: 10_000 } }));
    const unreachable = { kind: 'openai' as const, connect: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    gw = await startTestGateway({ ...demo, sites, upstream: unreachable, textModels: textModelsFromEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: service.baseURL }) });
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    await client.waitFor('gateway.session');
    client.sendRaw(silenceFrames(20)[0]!);
    askInText(client, 'Do you have a tent for four?');
    const done = await client.waitFor((e) => e.type === 'response.done' && e.response.metadata?.lane === 'text', 8000);
    expect(done.response.status).toBe('completed');
    expect(gw.logs.some((l) => l.event === 'lane.fallback' && l.fields.from === 'realtime' && l.fields.to === 'text')).toBe(true);
    expect(service.requests[0]!.body.input).toEqual([{ type: 'message', role: 'user', content: 'Do you have a tent for four?' }]);
  });

  it('without fallback, a text model that is down is reported, and the session goes on', async () => {
    const { client, gw } = await start(() => ({ status: 500 }), { fallback: false });
    askInText(client, 'hello');
    const done = await answered(client, 1);
    expect(done.response.status).toBe('failed');
    expect(client.events().some((e) => e.type === 'error' && e.error.code === 'upstream_error')).toBe(true);
    expect(gw.engines).toHaveLength(0);
  });

  it('Chat Completions streaming works the same, tool calls in pieces included', async () => {
    const { client, service } = await start(
      (r, i) => (i === 0 ? { calls: [{ name: 'search_products', arguments: JSON.stringify({ query: 'boots' }) }] } : { text: 'We have boots.' }),
      { api: 'chat', model: 'gpt-4o-mini' },
    );
    askInText(client, 'boots?');
    const done = await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'We have boots.', 8000);
    expect(done).toBeTruthy();
    expect(service.requests.every((r) => r.api === 'chat')).toBe(true);
    expect(service.requests[1]!.body.messages.some((m: { role: string }) => m.role === 'tool')).toBe(true);
  });
});

describe('the local engine as the text model', () => {
  it('answers typed turns on the text lane with the local engine logic, tools included, with no model socket', async () => {
    const demo = bundledDemo();
    const sites = demo.sites.map((s) => ({ ...s, textModel: { ...TEXT_MODEL, provider: 'local' as const, model: 'gpt-4.1-mini' } }));
    gw = await startTestGateway({ ...demo, sites });
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    askInText(client, 'Do you have a tent for four?');
    const done = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((o: { type: string }) => o.type === 'message'), 8000);
    expect(done.response.metadata).toMatchObject({ lane: 'text' });
    expect(client.events().some((e) => e.type === 'gateway.products')).toBe(true);
    expect(gw.engines).toHaveLength(0);
  });
});
