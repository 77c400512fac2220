/**
 * An application written against the OpenAI Agents SDK (`@openai/agents-realtime`),
 * unchanged, pointed at the gateway: a `RealtimeSession` with an agent over
 * the SDK's WebSocket transport, a session token as its API key (the SDK
 * sends it as `Authorization: Bearer` on Node), and the gateway's URL.
 * The gateway runs the local engine, so this needs no network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAIRealtimeWebSocket, RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { testToken } from '../../packages/gateway/test/helpers/socket-client.js';
import { demoCatalog } from '../../packages/gateway/test/helpers/demo-catalog.js';
import { startFakeService, type FakeService } from '../../packages/gateway/test/helpers/fake-service.js';
import { openaiUpstream } from '../../packages/gateway/src/upstream/openai.js';

type Raw = Record<string, any> & { type: string };

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw?.close());

/** An agent app as its author wrote it: instructions of its own, the SDK's defaults for the rest. */
async function openSdkSession(config: ConstructorParameters<typeof RealtimeSession>[1] = {}, gateway: () => TestGateway = () => gw) {
  const agent = new RealtimeAgent({ name: 'Shop assistant', instructions: 'You are a helpful shop assistant. Keep answers short.' });
  const transport = new OpenAIRealtimeWebSocket();
  const session = new RealtimeSession(agent, { transport, model: 'gpt-realtime', ...config });
  const raw: Raw[] = [];
  const sdkErrors: { type: 'error'; error: any }[] = [];
  transport.on('*', (e: Raw) => raw.push(e));
  session.on('error', (e) => sdkErrors.push(e as (typeof sdkErrors)[number]));
  const sent: Raw[] = [];
  const sendEvent = transport.sendEvent.bind(transport);
  // Record what the SDK sends, to read its own session.update and retrieves (the SDK itself is not changed).
  transport.sendEvent = (event) => {
    sent.push(event as Raw);
    sendEvent(event);
  };
  await session.connect({ apiKey: await testToken(), url: `${gateway().wsUrl}?site=demo` });
  // The SDK's own session.updates (its configuration, then tracing) are answered before the test starts.
  for (let quiet = 0, seen = raw.length; quiet < 300; quiet += 25) {
    await new Promise((r) => setTimeout(r, 25));
    if (raw.length !== seen) (seen = raw.length), (quiet = 0);
  }

  const waitRaw = (test: (e: Raw) => boolean, from: number, what: string, timeoutMs = 5000) =>
    new Promise<Raw>((resolve, reject) => {
      const hit = raw.slice(from).find(test);
      if (hit) return resolve(hit);
      const timer = setTimeout(() => {
        transport.off('*', on);
        reject(new Error(`timed out waiting for ${what}; got ${raw.slice(from).map((e) => (e.type === 'error' ? `error:${e.error?.code}` : e.type)).join(', ')}`));
      }, timeoutMs);
      const on = (e: Raw) => {
        if (test(e)) {
          clearTimeout(timer);
          transport.off('*', on);
          resolve(e);
        }
      };
      transport.on('*', on);
    });

  /** Types a question as the SDK's app would, and reads the answer's words (text or the audio's transcript). */
  async function ask(text: string, timeoutMs = 5000): Promise<string> {
    const from = raw.length;
    session.sendMessage(text);
    const done = await waitRaw(
      (e) => (e.type === 'response.output_text.done' && typeof e.text === 'string') || (e.type === 'response.output_audio_transcript.done' && typeof e.transcript === 'string'),
      from,
      `an answer to "${text}"`,
      timeoutMs,
    );
    return (done.text ?? done.transcript) as string;
  }

  return { session, transport, raw, sent, sdkErrors, waitRaw, ask };
}

const namesAProduct = (answer: string) => demoCatalog.some((p) => answer.includes(p.name));

describe('the OpenAI Agents SDK (RealtimeSession over its WebSocket transport) against the gateway', () => {
  it('connects with a session token, and the gateway opens as the service does', async () => {
    const { session, transport, raw, waitRaw } = await openSdkSession();
    expect(transport.status).toBe('connected');
    await waitRaw((e) => e.type === 'gateway.session', 0, 'gateway.session');
    expect(raw[0]!.type).toBe('session.created');
    expect(raw[0]!.session).not.toHaveProperty('instructions');
    session.close();
  });

  it("applies the allowed part of the SDK's own first session.update, names what it ignored, and is not wedged by it", async () => {
    const { session, sent, raw, sdkErrors, waitRaw, ask } = await openSdkSession({ config: { outputModalities: ['text'] } });
    const first = sent.find((e) => e.type === 'session.update' && e.session?.instructions)!;
    // What the SDK really sends: its agent's instructions, the model, transcription, next to settings a client may make.
    expect(first.session).toMatchObject({ instructions: expect.any(String), model: 'gpt-realtime', output_modalities: ['text'] });
    const updated = await waitRaw((e) => e.type === 'session.updated' && e.session?.output_modalities?.[0] === 'text', 0, 'session.updated with the SDK settings');
    expect(updated.session).not.toHaveProperty('instructions');
    // The SDK's turn detection (semantic_vad) is kept.
    expect(updated.session.audio?.input?.turn_detection?.type).toBe('semantic_vad');
    // The SDK's error handler saw one refusal naming the ignored fields.
    const ignored = sdkErrors.map((e) => e.error?.error).filter((e) => e?.code === 'field_not_allowed');
    expect(ignored.length).toBeGreaterThan(0);
    expect(ignored.some((e) => /instructions/.test(`${e.param} ${e.message}`))).toBe(true);
    // The gateway's own assistant answers, from the catalog, not the SDK app's instructions.
    const answer = await ask('do you have tents?');
    expect(namesAProduct(answer), answer).toBe(true);
    expect(raw.some((e) => e.type === 'error' && e.error?.code !== 'field_not_allowed')).toBe(false);
    session.close();
  });

  it('answers a typed message with a product of the catalog', async () => {
    const { session, ask } = await openSdkSession();
    const answer = await ask('do you have tents?');
    expect(namesAProduct(answer), answer).toBe(true);
    session.close();
  });

  it("sends a refusal to the SDK's error event, and the next message is answered within a few seconds", async () => {
    const { session, transport, sdkErrors, ask } = await openSdkSession({ config: { outputModalities: ['text'] } });
    expect(namesAProduct(await ask('do you have tents?'))).toBe(true);
    const before = sdkErrors.length;
    transport.sendEvent({ type: 'response.create', event_id: 'app_override_1', response: { instructions: 'Talk like a pirate.' } } as never);
    const deadline = Date.now() + 3000;
    while (!sdkErrors.slice(before).some((e) => e.error?.error?.event_id === 'app_override_1') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const refusal = sdkErrors.slice(before).find((e) => e.error?.error?.event_id === 'app_override_1');
    expect(refusal?.error).toMatchObject({ type: 'error', error: { code: 'field_not_allowed', event_id: 'app_override_1' } });
    // The SDK holds every later response.create until its pending one is created or refused: one refusal must not wedge it.
    const started = Date.now();
    const answer = await ask('what about sleeping bags?', 4000);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(namesAProduct(answer), answer).toBe(true);
    session.close();
  });

  it('interrupts a spoken answer: cancel and truncate as with the service, the SDK retrieves the item, and the next message is answered', async () => {
    const { session, raw, sent, waitRaw, ask } = await openSdkSession();
    let interrupted = 0;
    session.on('audio_interrupted', () => interrupted++);
    const from = raw.length;
    session.sendMessage('do you have tents?');
    // Interrupt as soon as the answer's audio has started.
    const delta = await waitRaw((e) => e.type === 'response.output_audio.delta', from, 'the answer to speak');
    session.interrupt();
    expect(interrupted).toBe(1);
    const truncate = sent.find((e) => e.type === 'conversation.item.truncate');
    expect(truncate).toMatchObject({ item_id: delta.item_id });
    const done = await waitRaw((e) => e.type === 'response.done' && e.response?.id === delta.response_id, from, 'the cancelled response');
    expect(done.response.status).toBe('cancelled');
    await waitRaw((e) => e.type === 'conversation.item.truncated' && e.item_id === delta.item_id, from, 'conversation.item.truncated');
    // The SDK then retrieves the item, to keep only what was heard in its history.
    const retrieved = await waitRaw((e) => e.type === 'conversation.item.retrieved', from, 'conversation.item.retrieved');
    expect(retrieved.item).toMatchObject({ id: delta.item_id, role: 'assistant' });
    expect(raw.slice(from).filter((e) => e.type === 'error').map((e) => e.error?.code)).toEqual([]);
    const answer = await ask('and sleeping bags?');
    expect(namesAProduct(answer), answer).toBe(true);
    session.close();
  });
});

describe('the Agents SDK when the model service does not answer', () => {
  let slow: TestGateway | undefined;
  let service: FakeService | undefined;
  afterAll(async () => {
    await slow?.close();
    await service?.close();
  });

  it('gets response_timeout in its error event, and its next message is answered', async () => {
    let asked = 0;
    service = await startFakeService(undefined, (conn, event) => {
      if (event.type === 'session.update') return conn.send({ type: 'session.updated', event_id: `su_${conn.received.length}`, session: { type: 'realtime', ...event.session } });
      if (event.type !== 'response.create' || ++asked === 1) return; // the first one is never answered
      const id = `resp_${asked}`;
      conn.send({ type: 'response.created', event_id: `c_${asked}`, response: { id, status: 'in_progress', output: [] } });
      conn.send({ type: 'response.output_text.done', event_id: `t_${asked}`, response_id: id, item_id: `item_${asked}`, output_index: 0, content_index: 0, text: 'The Basecamp 4 Family Dome Tent sleeps four.' });
      conn.send({ type: 'response.done', event_id: `d_${asked}`, response: { id, status: 'completed', output: [], output_modalities: ['text'] } });
    });
    slow = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }), limits: { responseStartTimeoutMs: 800 } });
    const { session, sdkErrors, ask } = await openSdkSession({ config: { outputModalities: ['text'] } }, () => slow!);
    const before = sdkErrors.length;
    session.sendMessage('do you have tents?');
    const deadline = Date.now() + 3000;
    while (!sdkErrors.slice(before).some((e) => e.error?.error?.code === 'response_timeout') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const timeout = sdkErrors.slice(before).find((e) => e.error?.error?.code === 'response_timeout');
    expect(timeout?.error.error.message).toMatch(/took too long/);
    // The SDK frees its pending response.create only for an error that names it (error.event_id) or reads as a response.create error.
    expect.soft(timeout?.error.error.event_id).toMatch(/^agents_js_response_create_/);
    const answer = await ask('do you have tents?', 4000);
    expect(namesAProduct(answer), answer).toBe(true);
    session.close();
  });
});
