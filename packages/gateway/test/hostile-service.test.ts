/**
 * A model service that sends what no real one should: events of the wrong
 * shape, its own error text with a key in it, events the client has no
 * business seeing, and a tool call in every response. The gateway checks,
 * drops, logs by code and bounds; it never throws and never relays the text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText } from './helpers/socket-client.js';
import { startFakeService, type FakeService, type ServiceConnection } from './helpers/fake-service.js';
import { eventually } from './helpers/eventually.js';
import { openaiUpstream } from '../src/upstream/openai.js';

const KEY = 'sk-proj-HOSTILE-77aa11bb22cc';
const ORG = 'org-SECRETORG42';

let gw: TestGateway | null = null;
let service: FakeService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

async function start(onMessage?: (conn: ServiceConnection, event: Record<string, any>) => void, limits = {}) {
  service = await startFakeService(undefined, onMessage);
  gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: KEY, baseURL: service.baseURL, ca: service.ca }), limits });
  return { service, gw };
}

async function connected(gw: TestGateway, service: FakeService, query = '') {
  const client = await connectClient(`${gw.wsUrl}?site=demo${query}`);
  const conn = await service.nextConnection();
  await conn.waitFor('session.update');
  await client.waitFor('session.created');
  return { client, conn };
}

const textDone = (text: string) => ({ type: 'response.output_text.done', event_id: 'ev_t', response_id: 'resp_ok', item_id: 'item_ok', output_index: 0, content_index: 0, text });

describe('events of the wrong shape', () => {
  it('are dropped and logged by code; the session and the process go on', async () => {
    const { gw, service } = await start();
    const { client, conn } = await connected(gw, service, '&audio=binary');
    const malformed = [
      '42',
      'null',
      '"response.done"',
      '[]',
      '{}',
      '{"type":5}',
      '{"type":"response.done"}',
      '{"type":"response.done","response":null}',
      '{"type":"response.created","response":{"id":7}}',
      '{"type":"response.output_audio.delta","response_id":"r","item_id":"i"}',
      '{"type":"response.output_audio.delta","response_id":"r","item_id":"i","delta":12}',
      '{"type":"response.output_audio.delta","response_id":"r","item_id":"i","delta":"not base64!"}',
      '{"type":"response.output_item.done","response_id":"r","item":{"type":"function_call"}}',
      '{"type":"response.output_item.added","item":null}',
      '{"type":"error"}',
      '{"type":"error","error":{"code":{"nested":true}}}',
      '{"type":"session.updated","session":"x"}',
      '{"type":"conversation.item.done"}',
      '{"type":"response.output_text.done","text":{"a":1}}',
      '{"type":"conversation.item.input_audio_transcription.completed"}',
    ];
    for (const raw of malformed) conn.socket.send(raw);
    conn.send(textDone('still here'));
    const done = await client.waitFor('response.output_text.done');
    expect(done.text).toBe('still here');
    const dropped = gw.logs.filter((l) => l.event === 'upstream.dropped');
    expect(dropped.every((l) => l.fields.code === 'upstream_malformed_event')).toBe(true);
    // Logged at the 1st, 2nd, 4th, 8th, 16th drop (the openai client itself skips a bare null), so a loop cannot flood the log.
    expect(dropped.map((l) => l.fields.dropped)).toEqual([1, 2, 4, 8, 16]);
    // Nothing of it reached the client, neither as an event nor as audio.
    expect(client.events().filter((e) => ['response.done', 'response.created', 'error', 'session.updated'].includes(e.type))).toEqual([]);
    expect(client.binary()).toEqual([]);
    expect(client.ws.readyState).toBe(1);
    client.close();
  });
});

describe("the service's own text", () => {
  it('reaches neither the client nor the logs: status_details as a code, no rate_limits, no service event_id', async () => {
    const { gw, service } = await start();
    const { client, conn } = await connected(gw, service);
    const quoted = `Organisation ${ORG} over quota for key ${KEY}`;
    conn.send({ type: 'rate_limits.updated', event_id: 'ev_rl', rate_limits: [{ name: 'requests', limit: 1000, remaining: 3, reset_seconds: 1 }] });
    conn.send({
      type: 'response.done',
      event_id: 'ev_rd',
      response: { id: 'resp_f', status: 'failed', output: [], status_details: { type: 'failed', error: { type: 'insufficient_quota', code: `quota_${ORG}`, message: quoted } } },
    });
    conn.send({ type: 'error', event_id: 'ev_err', error: { type: `type_${ORG}`, code: `code_${ORG}`, message: quoted, param: KEY, event_id: 'svc_evt_999' } });
    // An audio delta with a field of the service's own, to a client taking audio as JSON: only our fields go on.
    conn.send({ type: 'response.output_audio.delta', event_id: 'ev_a', response_id: 'resp_ok', item_id: 'item_ok', output_index: 0, content_index: 0, delta: 'AAAA', note: quoted });
    conn.send(textDone('after'));
    await client.waitFor('response.output_text.done');
    expect(client.events().find((e) => e.type === 'response.output_audio.delta')).toMatchObject({ response_id: 'resp_ok', item_id: 'item_ok', delta: 'AAAA' });
    const done = client.events().find((e) => e.type === 'response.done')!;
    expect(done.response.status_details).toEqual({ type: 'failed' });
    expect(client.events().some((e) => e.type === 'rate_limits.updated')).toBe(false);
    const error = client.events().find((e) => e.type === 'gateway.error')!;
    expect(error).toMatchObject({ code: 'upstream_error' });
    expect(error.event_id).toBeUndefined();
    const seen = JSON.stringify(client.events()) + JSON.stringify(gw.logs);
    for (const secret of [KEY, ORG, 'svc_evt_999', 'over quota']) expect(seen).not.toContain(secret);
    expect(gw.logs.find((l) => l.event === 'upstream.error')?.fields).toMatchObject({ type: 'upstream_unknown_error', code: 'upstream_unknown_error' });
    client.close();
  });
});

/** A model that calls a tool in every response it gives. */
function toolInEveryResponse(conn: ServiceConnection, event: Record<string, any>) {
  if (event.type !== 'response.create') return;
  const n = conn.received.filter((e) => e.type === 'response.create').length;
  const item = { id: `item_${n}`, type: 'function_call', status: 'completed', name: 'search_products', call_id: `call_${n}`, arguments: '{"query":"tent"}' };
  conn.send({ type: 'response.created', event_id: `c${n}`, response: { id: `resp_${n}`, status: 'in_progress', output: [] } });
  conn.send({ type: 'response.output_item.done', event_id: `o${n}`, response_id: `resp_${n}`, output_index: 0, item });
  conn.send({ type: 'response.done', event_id: `d${n}`, response: { id: `resp_${n}`, status: 'completed', output: [item], output_modalities: ['text'] } });
}

describe('a model that calls a tool in every response', () => {
  it('gets maxToolRoundsPerTurn rounds, then one request to answer without tools, then nothing more, before or after the client leaves', async () => {
    const { gw, service } = await start(toolInEveryResponse, { maxToolRoundsPerTurn: 3 });
    const { client, conn } = await connected(gw, service);
    client.send(userText('tents?'));
    client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    const creates = () => conn.received.filter((e) => e.type === 'response.create');
    await eventually(() => creates().length >= 5, 'the rounds to run');
    client.ws.terminate();
    await new Promise((r) => setTimeout(r, 1500));
    // The client's own, three tool rounds, and the last asking for an answer without tools.
    expect(creates().length).toBe(5);
    expect(creates()[4]!.response.tool_choice).toBe('none');
    expect(creates().slice(0, 4).every((e) => e.response?.tool_choice === undefined)).toBe(true);
    expect(gw.logs.filter((l) => l.event === 'tool.round_limit').map((l) => l.fields.code)).toEqual(['tool_round_limit', 'tool_round_limit']);
  });

  it('starts counting again at the next thing the shopper says', async () => {
    const { gw, service } = await start(toolInEveryResponse, { maxToolRoundsPerTurn: 1 });
    const { client, conn } = await connected(gw, service);
    const creates = () => conn.received.filter((e) => e.type === 'response.create');
    client.send(userText('tents?'));
    client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await eventually(() => creates().length >= 3, 'the first turn');
    client.send(userText('and stoves?'));
    client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await eventually(() => creates().length >= 6, 'the second turn');
    await new Promise((r) => setTimeout(r, 500));
    expect(creates().map((e) => e.response?.tool_choice ?? '-')).toEqual(['-', '-', 'none', '-', '-', 'none']);
    client.close();
  });
});

describe('responses the service starts by itself', () => {
  it('count against responsesPerMinute; once spent, microphone audio is held back so that no pause starts another', async () => {
    const { gw, service } = await start(undefined, { responsesPerMinute: 4 });
    const { client, conn } = await connected(gw, service, '&audio=binary');
    const update = await conn.waitFor('session.update');
    // And each response is bounded in length and in the history it reads again.
    expect(update.session).toMatchObject({ max_output_tokens: 800, truncation: { type: 'retention_ratio', token_limits: { post_instructions: 4000 } } });
    const frame = Buffer.alloc(960, 1);
    client.sendRaw(frame);
    await conn.waitFor('input_audio_buffer.append');
    for (let i = 0; i < 4; i++) conn.send({ type: 'response.created', event_id: `vad${i}`, response: { id: `resp_vad${i}`, status: 'in_progress', output: [] } });
    await eventually(() => client.events().filter((e) => e.type === 'response.created').length === 4, 'the responses to reach the client');
    const appendsBefore = conn.received.filter((e) => e.type === 'input_audio_buffer.append').length;
    for (let i = 0; i < 10; i++) client.sendRaw(frame);
    const refused = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'response_rate_limited');
    expect(refused.message).toMatch(/4 answers a minute/);
    client.send({ type: 'response.create' });
    await new Promise((r) => setTimeout(r, 300));
    expect(conn.received.filter((e) => e.type === 'input_audio_buffer.append').length).toBe(appendsBefore);
    expect(conn.received.filter((e) => e.type === 'response.create')).toEqual([]);
    client.close();
  });
});
