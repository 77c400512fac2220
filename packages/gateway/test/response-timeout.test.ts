/**
 * No answer hangs: a model service that takes a response.create and says
 * nothing, or starts a response and stops in the middle of it. The client
 * gets the standard `error` with `response_timeout` and a short fallback
 * line, a stalled response is closed with `response.done` (failed), and the
 * next question is answered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText, type TestClient } from './helpers/socket-client.js';
import { startFakeService, type FakeService, type ServiceConnection } from './helpers/fake-service.js';
import { openaiUpstream } from '../src/upstream/openai.js';

const START_MS = 800;
const STALL_MS = 800;

let gw: TestGateway | null = null;
let service: FakeService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

function answer(conn: ServiceConnection, n: number, text: string) {
  const id = `resp_ok_${n}`;
  conn.send({ type: 'response.created', event_id: `ev_${n}c`, response: { id, status: 'in_progress', output: [] } });
  conn.send({ type: 'response.output_text.delta', event_id: `ev_${n}d`, response_id: id, item_id: `item_ok_${n}`, output_index: 0, content_index: 0, delta: text });
  conn.send({ type: 'response.output_text.done', event_id: `ev_${n}t`, response_id: id, item_id: `item_ok_${n}`, output_index: 0, content_index: 0, text });
  conn.send({ type: 'response.done', event_id: `ev_${n}e`, response: { id, status: 'completed', output: [], output_modalities: ['text'] } });
}

/**
 * A service whose first response.create gets `first`, and every later one a
 * whole answer, counted over all its sockets: the gateway may open a new model
 * session after a timeout.
 */
async function start(first: (conn: ServiceConnection) => void) {
  let asked = 0;
  service = await startFakeService(undefined, (conn, event) => {
    // As the service does, every session.update is answered with the session.
    if (event.type === 'session.update') return conn.send({ type: 'session.updated', event_id: `ev_su${conn.received.length}`, session: { type: 'realtime', ...event.session } });
    if (event.type !== 'response.create') return;
    const n = ++asked;
    if (n === 1) first(conn);
    else answer(conn, n, 'The Basecamp 4 Family Dome Tent sleeps four.');
  });
  gw = await startTestGateway({
    upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }),
    limits: { responseStartTimeoutMs: START_MS, responseStallTimeoutMs: STALL_MS },
  });
  const client = await connectClient(`${gw.wsUrl}?site=demo`);
  const conn = await service.nextConnection();
  await conn.waitFor('session.update');
  await client.waitFor('session.updated');
  return { client, conn };
}

function ask(client: TestClient, text: string, eventId: string) {
  client.send(userText(text));
  client.send({ type: 'response.create', event_id: eventId, response: { output_modalities: ['text'] } });
}

async function theNextQuestionIsAnswered(client: TestClient) {
  await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'response_timeout', 1000);
  const timeout = client.events().find((e) => e.type === 'error' && e.error?.code === 'response_timeout');
  expect(client.events()[client.events().indexOf(timeout as never) + 1]).toMatchObject({ type: 'gateway.error', code: 'response_timeout' });
  const before = client.events().length;
  ask(client, 'and do you have tents?', 'rc_next');
  const done = await client.waitFor((e) => e.type === 'response.output_text.done' && client.events().indexOf(e as never) >= before, 3000);
  expect(done.text).toMatch(/Basecamp/);
  expect(client.events().slice(before).filter((e) => e.type === 'error')).toEqual([]);
}

function checkTimeoutError(client: TestClient, error: Record<string, any>) {
  expect(error.event_id).toMatch(/^gwerr_/);
  expect(error.error).toMatchObject({ type: 'server_error', code: 'response_timeout' });
  // The fallback line, in the site's language (the demo is English).
  expect(error.error.message).toMatch(/took too long/i);
  expect(error.error.message.length).toBeLessThan(120);
  // The legacy gateway.error that follows it, for the widget, is checked in theNextQuestionIsAnswered.
}

describe('a service that accepts response.create and says nothing', () => {
  it(`ends it within responseStartTimeoutMs with response_timeout, about the client's response.create; the next question is answered`, async () => {
    const { client } = await start(() => {});
    const sent = Date.now();
    ask(client, 'do you have tents?', 'rc_silent');
    const error = await client.waitFor((e) => e.type === 'error', START_MS + 3000);
    const waited = Date.now() - sent;
    expect(waited).toBeGreaterThanOrEqual(START_MS - 50);
    expect(waited).toBeLessThan(START_MS + 2000);
    checkTimeoutError(client, error);
    // An SDK waiting on its response.create matches the error to it by event_id, and only then sends the next one.
    expect.soft(error.error.event_id).toBe('rc_silent');
    // Nothing was created, so nothing is closed either.
    expect(client.events().filter((e) => e.type === 'response.created' || e.type === 'response.done')).toEqual([]);
    await theNextQuestionIsAnswered(client);
    expect(client.ws.readyState).toBe(1);
    client.close();
  });
});

describe('a service that starts a response and stops in the middle', () => {
  it('ends it after responseStallTimeoutMs with response_timeout and a failed response.done; the next question is answered', async () => {
    const { client } = await start((conn) => {
      conn.send({ type: 'response.created', event_id: 'ev_s1', response: { id: 'resp_stalled', status: 'in_progress', output: [] } });
      for (const [i, delta] of ['We have ', 'the Base'].entries()) {
        conn.send({ type: 'response.output_text.delta', event_id: `ev_sd${i}`, response_id: 'resp_stalled', item_id: 'item_stalled', output_index: 0, content_index: 0, delta });
      }
      // …and nothing more.
    });
    ask(client, 'do you have tents?', 'rc_stall');
    await client.waitFor('response.created');
    const lastDelta = await client.waitFor((e) => e.type === 'response.output_text.delta' && e.delta === 'the Base');
    const seen = Date.now();
    expect(lastDelta.response_id).toBe('resp_stalled');
    const error = await client.waitFor((e) => e.type === 'error', STALL_MS + 3000);
    const waited = Date.now() - seen;
    expect(waited).toBeGreaterThanOrEqual(STALL_MS - 100);
    expect(waited).toBeLessThan(STALL_MS + 2000);
    checkTimeoutError(client, error);
    // Clients waiting on the response (the SDKs) are told it is over.
    const done = await client.waitFor('response.done', 1000);
    expect(done.response).toMatchObject({ id: 'resp_stalled', status: 'failed' });
    await theNextQuestionIsAnswered(client);
    // The stalled response is not finished later from anything the gateway held.
    expect(client.events().filter((e) => e.type === 'response.done' && e.response.id === 'resp_stalled')).toHaveLength(1);
    client.close();
  });

  it('a slow response that keeps sending is not cut off', async () => {
    const { client } = await start((conn) => {
      conn.send({ type: 'response.created', event_id: 'ev_k1', response: { id: 'resp_slow', status: 'in_progress', output: [] } });
      let i = 0;
      const timer = setInterval(() => {
        if (++i <= 6) {
          conn.send({ type: 'response.output_text.delta', event_id: `ev_k${i}`, response_id: 'resp_slow', item_id: 'item_slow', output_index: 0, content_index: 0, delta: `part ${i} ` });
          return;
        }
        clearInterval(timer);
        conn.send({ type: 'response.output_text.done', event_id: 'ev_kt', response_id: 'resp_slow', item_id: 'item_slow', output_index: 0, content_index: 0, text: 'slow but whole' });
        conn.send({ type: 'response.done', event_id: 'ev_kd', response: { id: 'resp_slow', status: 'completed', output: [], output_modalities: ['text'] } });
      }, STALL_MS / 2);
    });
    ask(client, 'do you have tents?', 'rc_slow');
    // Longer in all than the stall bound, but never silent for that long.
    const done = await client.waitFor('response.done', STALL_MS * 6);
    expect(done.response).toMatchObject({ id: 'resp_slow', status: 'completed' });
    expect(client.events().filter((e) => e.type === 'error')).toEqual([]);
    client.close();
  });
});
