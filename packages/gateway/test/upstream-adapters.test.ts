/**
 * The OpenAI and Azure upstreams, through the real `openai` Node client,
 * against a TLS WebSocket server in the test that plays the service.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText } from './helpers/socket-client.js';
import { functionCallRound, startFakeService, type FakeService } from './helpers/fake-service.js';
import { openaiUpstream } from '../src/upstream/openai.js';
import { azureUpstream } from '../src/upstream/azure.js';
import type { Tool } from '../src/tools/index.js';
import { eventually } from './helpers/eventually.js';
import { expectAudioBothWays } from './helpers/audio-relay.js';

let service: FakeService | null = null;
let gw: TestGateway | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

/** A fake service, a gateway relaying to it with the openai upstream, and one client whose session is set up. */
async function relayedSession(options: Partial<Parameters<typeof startTestGateway>[0]> = {}) {
  service = await startFakeService();
  gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }), ...options });
  const client = await connectClient(`${gw.wsUrl}?site=demo`);
  const conn = service.connections[0] ?? (await service.nextConnection());
  await conn.waitFor('session.update');
  return { client, conn, gw };
}

describe('openai upstream', () => {
  it('dials /v1/realtime?model= with a bearer key and sends the forced session first', async () => {
    service = await startFakeService();
    gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test-123', baseURL: service.baseURL, model: 'gpt-realtime', ca: service.ca }) });
    const client = await connectClient(`${gw.wsUrl}?site=demo&audio=binary`);
    const conn = service.connections[0] ?? (await service.nextConnection());
    expect(conn.request.url).toBe('/v1/realtime?model=gpt-realtime');
    expect(conn.request.headers.authorization).toBe('Bearer sk-test-123');
    expect(conn.request.headers['api-key']).toBeUndefined();
    const update = await conn.waitFor('session.update');
    expect(conn.received[0]).toBe(update);
    expect(update.session.instructions).toContain('Contoso Outdoor');
    expect(update.session.tools.map((t: { name: string }) => t.name)).toEqual(['search_products', 'get_product', 'get_store_policy', 'add_to_cart', 'remove_from_cart', 'get_cart', 'show_product']);
    expect(update.session.audio.input.format).toEqual({ type: 'audio/pcm', rate: 24000 });
    // The service's session.created, with its instructions, reaches the client redacted.
    const created = await client.waitFor('session.created');
    expect(created.session.instructions).toBeUndefined();

    // Binary audio up becomes base64 JSON for the service, byte for byte.
    await expectAudioBothWays(client, conn);
    client.close();
  });

  it('runs the tools the service calls, then asks for exactly one answer', async () => {
    const { client, conn } = await relayedSession();
    client.send(userText('a stove please'));
    await conn.waitFor('conversation.item.create');
    functionCallRound(conn, 'search_products', '{"query":"stove","category":"camping-stoves"}');
    const cards = await client.waitFor('gateway.products');
    expect(cards.products.every((p: { id: string }) => p.id.startsWith('stove-'))).toBe(true);
    await conn.waitFor('response.create');
    const outputs = conn.received.filter((e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output');
    expect(outputs).toHaveLength(1);
    expect(outputs[0]!.item.call_id).toBe('call_abc');
    expect(JSON.parse(outputs[0]!.item.output).results.length).toBeGreaterThan(0);
    const lastOutput = conn.received.indexOf(outputs[0]!);
    expect(conn.received.slice(lastOutput).filter((e) => e.type === 'response.create')).toHaveLength(1);
    // The follow-up keeps the modality of the response that called the tool.
    expect(conn.received.at(-1)).toEqual({ type: 'response.create', response: { output_modalities: ['audio'] } });
    // None of the function-call traffic reached the client.
    expect(client.events().some((e) => JSON.stringify(e).includes('call_abc'))).toBe(false);
    client.close();
  });

  it('runs at most the limit of tool calls in one response; the rest get an error output', async () => {
    const { client, conn } = await relayedSession({ limits: { maxToolCallsPerResponse: 2 } });
    const calls = [1, 2, 3, 4].map((n) => ({ id: `item_fc${n}`, type: 'function_call', status: 'completed', name: 'get_product', call_id: `call_${n}`, arguments: '{"id":"tent-basecamp-4"}' }));
    conn.send({ type: 'response.created', event_id: 'e1', response: { id: 'resp_many', status: 'in_progress', output: [] } });
    calls.forEach((item, i) => conn.send({ type: 'response.output_item.done', event_id: `e${i + 2}`, response_id: 'resp_many', output_index: i, item }));
    conn.send({ type: 'response.done', event_id: 'e9', response: { id: 'resp_many', status: 'completed', output: calls, output_modalities: ['text'] } });
    expect((await client.waitFor('gateway.error')).code).toBe('tool_call_limit');
    await conn.waitFor('response.create');
    const outputs = conn.received.filter((e) => e.item?.type === 'function_call_output').map((e) => [e.item.call_id, JSON.parse(e.item.output)]);
    expect(outputs.map(([id]) => id)).toEqual(['call_1', 'call_2', 'call_3', 'call_4']);
    expect(outputs.slice(0, 2).every(([, out]) => out.product?.id === 'tent-basecamp-4')).toBe(true);
    expect(outputs.slice(2).every(([, out]) => /at most 2 tool calls/.test(out.error))).toBe(true);
    expect(conn.received.filter((e) => e.type === 'response.create')).toHaveLength(1);
    client.close();
  });

  it('answers bad tool arguments and unknown tools with an error output, not a crash', async () => {
    const { client, conn } = await relayedSession();
    functionCallRound(conn, 'search_products', '{"query": 42}');
    await conn.waitFor('response.create');
    const out = conn.received.find((e) => e.item?.type === 'function_call_output')!;
    expect(JSON.parse(out.item.output).error).toMatch(/argument "query".*"string"/);
    conn.received.length = 0;
    functionCallRound(conn, 'delete_all_orders', '{}');
    await conn.waitFor('response.create');
    const unknown = conn.received.find((e) => e.item?.type === 'function_call_output')!;
    expect(JSON.parse(unknown.item.output).error).toMatch(/no tool named "delete_all_orders"/);
    client.close();
  });

  it('reduces service errors to a stable code without the service text', async () => {
    const { client, conn } = await relayedSession();
    conn.send({ type: 'error', event_id: 'e', error: { type: 'invalid_request_error', code: 'invalid_value', message: "Deployment 'secret-deploy-7' in org org-XYZ rejected", param: 'session.x', event_id: null } });
    const err = await client.waitFor('gateway.error');
    expect(err.code).toBe('upstream_error');
    expect(JSON.stringify(client.events())).not.toMatch(/secret-deploy-7|org-XYZ/);
    // The session goes on.
    client.send(userText('still there?'));
    await conn.waitFor('conversation.item.create');
    client.close();
  });

  it('redials a service that drops, re-seeds the conversation from its own record, and tells the client', async () => {
    const { client, conn } = await relayedSession();
    client.send(userText('a stove please'));
    await conn.waitFor('conversation.item.create');
    conn.send({ type: 'response.output_text.done', event_id: 'x1', response_id: 'r1', item_id: 'item_t', output_index: 0, content_index: 0, text: 'The Alpine stove weighs 90 g.' });
    await client.waitFor('response.output_text.done');
    const redialled = service!.nextConnection();
    conn.socket.close(1011, 'internal');
    const next = await redialled;
    expect((await next.waitFor('session.update')).session.instructions).toContain('Contoso Outdoor');
    const notice = await client.waitFor('gateway.notice');
    expect(notice.code).toBe('reseeded');
    const seeded = next.received.filter((e) => e.type === 'conversation.item.create').map((e) => [e.item.role, e.item.content[0].text]);
    expect(seeded).toEqual([
      ['user', 'a stove please'],
      ['assistant', 'The Alpine stove weighs 90 g.'],
    ]);
    expect(next.received.some((e) => e.type === 'response.create')).toBe(false);
    // The session goes on over the new socket, and the seeded items stay the gateway's own.
    client.send(userText('and a pot?'));
    const asked = await eventually(() => next.received.find((e) => e.type === 'conversation.item.create' && e.item.content?.[0]?.text === 'and a pot?'), 'the new question upstream');
    expect(asked.item.role).toBe('user');
    expect(client.events().some((e) => e.type === 'gateway.error')).toBe(false);
    client.close();
  });

  it('reports an unreachable service as upstream_unavailable, keeps the socket, and tries again on the next message', async () => {
    service = await startFakeService();
    const deadBase = service.baseURL;
    await service.close();
    service = null;
    gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: deadBase }) });
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    expect((await client.waitFor('gateway.session')).type).toBe('gateway.session');
    const err = await client.waitFor('gateway.error');
    expect(err.code).toBe('upstream_unavailable');
    expect(err.message).toMatch(/unavailable right now/);
    client.send(userText('hello?'));
    await client.waitFor(() => client.events().filter((e) => e.type === 'gateway.error' && e.code === 'upstream_unavailable').length === 2);
    expect(gw.logs.filter((l) => l.event === 'upstream.unreachable').length).toBe(2);
    expect(client.ws.readyState).toBe(1);
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
    client.close();
  });
});

describe('azure upstream', () => {
  it('dials the GA /openai/v1/realtime?model=DEPLOYMENT with an api-key header and no bearer', async () => {
    service = await startFakeService();
    gw = await startTestGateway({ upstream: azureUpstream({ endpoint: service.origin, apiKey: 'azure-key-456', deployment: 'my-realtime', ca: service.ca }) });
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    const conn = service.connections[0] ?? (await service.nextConnection());
    expect(conn.request.url).toBe('/openai/v1/realtime?model=my-realtime');
    expect(conn.request.headers['api-key']).toBe('azure-key-456');
    expect(conn.request.headers.authorization).toBeUndefined();
    const update = await conn.waitFor('session.update');
    expect(update.session.type).toBe('realtime');
    expect((await fetch(`${gw.url}/healthz`).then((r) => r.json())).upstream).toBe('azure');
    client.close();
  });
});

describe('tool faults', () => {
  const slowTool: Tool = {
    name: 'slow_lookup',
    description: 'never answers in time',
    parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
    run: () => new Promise(() => {}),
  };
  const brokenTool: Tool = {
    name: 'broken_lookup',
    description: 'throws',
    parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
    run: () => {
      throw new Error('database password is hunter2');
    },
  };

  it('a tool that times out or throws gives the model an error output and the client a stable code', async () => {
    const { client, conn, gw } = await relayedSession({ tools: [slowTool, brokenTool], limits: { toolTimeoutMs: 200 } });
    functionCallRound(conn, 'slow_lookup', '{}');
    expect((await client.waitFor('gateway.error')).code).toBe('tool_timeout');
    await conn.waitFor('response.create');
    expect(JSON.parse(conn.received.find((e) => e.item?.type === 'function_call_output')!.item.output).error).toMatch(/timed out/);
    conn.received.length = 0;
    functionCallRound(conn, 'broken_lookup', '{}');
    await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'tool_failed');
    await conn.waitFor('response.create');
    expect(JSON.stringify(conn.received)).not.toContain('hunter2');
    expect(JSON.stringify(client.events())).not.toContain('hunter2');
    expect(gw.logs.filter((l) => l.event === 'tool.call' && l.fields.ok === false)).toHaveLength(2);
    client.close();
  });

  it('leaves the answer to the newer question when the shopper asks again while a tool runs', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let running = false;
    const heldTool: Tool = {
      name: 'held_lookup',
      description: 'answers when the test lets it',
      parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
      run: async () => {
        running = true;
        await held;
        return { output: { found: 'nothing' } };
      },
    };
    const { client, conn, gw } = await relayedSession({ tools: [heldTool] });
    functionCallRound(conn, 'held_lookup', '{}');
    await eventually(() => running, 'the tool to start');
    client.send(userText('Forget that: do you sell stoves?'));
    client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await conn.waitFor('response.create');
    release();
    await eventually(() => gw.logs.some((l) => l.event === 'tool.answer_superseded'), 'the superseded log line');
    // The output still reaches the model, so its conversation stays whole; a marker after it proves nothing more was sent between.
    client.send({ type: 'input_audio_buffer.clear' });
    await conn.waitFor('input_audio_buffer.clear');
    const types = conn.received.map((e) => e.item?.type ?? e.type);
    expect(types.slice(types.indexOf('function_call_output'))).toEqual(['function_call_output', 'input_audio_buffer.clear']);
    expect(types.filter((t) => t === 'response.create')).toHaveLength(1);
    expect(client.events().filter((e) => e.type === 'gateway.error')).toEqual([]);
    client.close();
  });
});
