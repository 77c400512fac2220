/**
 * Real traffic: the received side of sessions captured from the live OpenAI
 * and Azure services, replayed through the gateway from a test upstream.
 * Relay and redaction must hold on them, and the local engine's events must
 * have the shapes the real service's have.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient } from './helpers/socket-client.js';
import { startFakeService, type FakeService } from './helpers/fake-service.js';
import { loadRecordings } from './helpers/recorded-sessions.js';
import { wavFrames, silenceFrames } from './helpers/wav.js';
import { openaiUpstream } from '../src/upstream/openai.js';
import { redactServerEvent } from '../src/session/redact.js';
import { checkUpstreamEvent } from '../src/session/upstream-event-shape.js';
import { createLocalEngine } from '../src/upstream/local/engine.js';
import { forcedSessionUpdate, defaultTunables } from '../src/session/session-config.js';
import { bundledDemoSite } from '../src/sites/demo-site.js';
import { staticCatalogs } from '../src/catalog/static-catalogs.js';
import { DEMO_CATALOG_TEXT } from '../src/sites/demo/index.js';
import { shopTools } from '../src/tools/index.js';

const recordings = loadRecordings();
let replaying: (Record<string, any> & { type: string })[] = [];
let service: FakeService;
let gw: TestGateway;

beforeAll(async () => {
  // Once the gateway's own session.update arrives, the service plays back the recording's received side.
  service = await startFakeService(
    () => {},
    (conn, event) => {
      if (event.type === 'session.update' && !conn.received.slice(0, -1).some((e) => e.type === 'session.update')) {
        for (const e of replaying) conn.send(e);
      }
    },
  );
  gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-replay', baseURL: service.baseURL, ca: service.ca }) });
});
afterAll(async () => {
  await gw.close();
  await service.close();
});

function secretsOf(events: Record<string, any>[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    if (e.session?.instructions) out.push(e.session.instructions.slice(0, 60));
    for (const t of e.session?.tools ?? []) out.push(`"${t.name}"`);
    if (e.call_id) out.push(e.call_id);
    if (e.item?.call_id) out.push(e.item.call_id);
  }
  return [...new Set(out)];
}

describe.each(recordings.map((r) => [r.file, r] as const))('replaying %s', (_file, recording) => {
  it.each(['binary', 'json'] as const)('relays and redacts it (audio down as %s)', async (mode) => {
    replaying = recording.received;
    const client = await connectClient(`${gw.wsUrl}?site=demo${mode === 'binary' ? '&audio=binary' : ''}`);
    // Real traffic passes the shape checks whole; what a client is shown is what the gateway relays (no rate_limits.updated), redacted.
    expect(recording.received.filter((e) => !checkUpstreamEvent(e).ok).map((e) => e.type)).toEqual([]);
    // The service's session.created stays at the gateway: every socket gets the gateway's own first, as from the service.
    const relayable = recording.received.filter((e) => e.type !== 'error' && e.type !== 'session.created' && (checkUpstreamEvent(e) as { relay?: boolean }).relay);
    const expected = relayable.map((e) => redactServerEvent(e as never)).filter(Boolean) as Record<string, any>[];
    const last = recording.received.at(-1)!;
    await client.waitFor((e) => e.type === last.type && (e.event_id === last.event_id || last.type === 'error' || e.type === 'gateway.error'), 5000).catch(() => {});
    await new Promise((r) => setTimeout(r, 100));

    const wire = client.received.map((r) => (r.kind === 'json' ? JSON.stringify(r.event) : '')).join('\n');
    for (const secret of secretsOf(recording.received)) expect(wire).not.toContain(secret);
    for (const e of client.events()) {
      expect(e.type.startsWith('response.function_call_arguments')).toBe(false);
      expect(['function_call', 'function_call_output']).not.toContain(e.item?.type);
      expect(e.response?.output?.some((i: { type: string }) => i.type === 'function_call') ?? false).toBe(false);
      if (e.session) expect(Object.keys(e.session)).not.toContain('instructions');
    }

    const isAudio = (e: Record<string, any>) => e.type === 'response.output_audio.delta';
    expect(client.events()[0]!.type).toBe('session.created');
    // The gateway's own events (its session.created, standard error events) carry ids of its own.
    const relayed = client.events().filter((e) => !e.type.startsWith('gateway.') && !String(e.event_id).startsWith('gw'));
    expect(relayed.filter((e) => !isAudio(e)).map((e) => e.event_id)).toEqual(expected.filter((e) => !isAudio(e)).map((e) => e.event_id));
    const audioIn = expected.filter(isAudio).map((e) => Buffer.from(e.delta, 'base64'));
    const audioOut = mode === 'binary' ? client.binary() : relayed.filter(isAudio).map((e) => Buffer.from(e.delta, 'base64'));
    expect(Buffer.concat(audioOut).equals(Buffer.concat(audioIn))).toBe(true);
    if (mode === 'binary') expect(relayed.some(isAudio)).toBe(false);

    const upstreamErrors = recording.received.filter((e) => e.type === 'error');
    expect(client.events().filter((e) => e.type === 'gateway.error' && e.code === 'upstream_error')).toHaveLength(upstreamErrors.length);
    for (const err of upstreamErrors) expect(wire).not.toContain(err.error.message);
    client.close();
  });
});

/** Keys an event type carries in the recordings: the union, and those it always has. */
function shapesOf(events: Record<string, any>[]) {
  const shapes = new Map<string, { all: Set<string>; always: Set<string> }>();
  for (const e of events) {
    const keys = Object.keys(e).filter((k) => k !== 'obfuscation'); // obfuscation pads streamed deltas on the real service; it carries no data
    const s = shapes.get(e.type);
    if (!s) shapes.set(e.type, { all: new Set(keys), always: new Set(keys) });
    else {
      keys.forEach((k) => s.all.add(k));
      for (const k of s.always) if (!keys.includes(k)) s.always.delete(k);
    }
  }
  return shapes;
}

describe('the local engine speaks the same shapes as the live service', () => {
  it('for every event type both produce', async () => {
    const real = shapesOf(recordings.filter((r) => r.ga).flatMap((r) => r.received));
    const events: Record<string, any>[] = [];
    const engine = createLocalEngine({ emit: (e) => events.push(e), emitAudio: () => {} });
    const demoSite = bundledDemoSite();
    const categories = await staticCatalogs([{ site: demoSite, text: DEMO_CATALOG_TEXT }]).catalog('demo')!.categories();
    engine.handle(forcedSessionUpdate(demoSite, shopTools(demoSite, categories, { clientTimeoutMs: 8000 }), defaultTunables(demoSite)) as never);
    engine.handle({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'I need a tent for four people' }] } });
    engine.handle({ type: 'response.create' });
    const waitDone = async (n: number) => {
      while (events.filter((e) => e.type === 'response.done').length < n) await new Promise((r) => setTimeout(r, 10));
    };
    await waitDone(1);
    const call = events.find((e) => e.type === 'response.function_call_arguments.done')!;
    engine.handle({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ results: [{ name: 'Basecamp 4 Family Dome Tent', price: 289, currency: 'USD', description: 'Roomy.' }] }) } });
    engine.handle({ type: 'response.create' });
    await waitDone(2);
    for (const frame of [...wavFrames('tent-for-four.wav'), ...silenceFrames(600)]) engine.appendAudio(frame);
    await waitDone(3);
    engine.handle({ type: 'response.create', response: { output_modalities: ['text'] } });
    await waitDone(4);
    engine.handle({ type: 'response.cancel' });
    engine.close();

    const local = shapesOf(events);
    const compared: string[] = [];
    for (const [type, shape] of local) {
      const r = real.get(type);
      if (!r) continue;
      compared.push(type);
      for (const key of r.always) expect(shape.all, `${type} lacks ${key}`).toContain(key);
      for (const key of shape.all) expect(r.all, `${type} has ${key}, which the service never sends`).toContain(key);
    }
    // The comparison covered the protocol's backbone, not a handful of types.
    for (const type of ['session.created', 'session.updated', 'conversation.item.added', 'conversation.item.done', 'response.created', 'response.output_item.added',
      'response.content_part.added', 'response.output_audio_transcript.delta', 'response.output_audio_transcript.done', 'response.output_text.delta',
      'response.output_text.done', 'response.function_call_arguments.done', 'response.done', 'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped', 'input_audio_buffer.committed', 'error']) {
      expect(compared).toContain(type);
    }
    // Nested shapes that clients read: the response object and the session's audio block.
    const realDone = recordings.filter((r) => r.ga).flatMap((r) => r.received).find((e) => e.type === 'response.done')!;
    const localDone = events.find((e) => e.type === 'response.done')!;
    expect(Object.keys(localDone.response).sort()).toEqual(Object.keys(realDone.response).sort());
    expect(Object.keys(localDone.response.usage).sort()).toEqual(Object.keys(realDone.response.usage).sort());
    const realSession = recordings.find((r) => r.file === 'tool_call_round.yaml')!.received[0]!.session;
    const localSession = events.find((e) => e.type === 'session.created')!.session;
    expect(Object.keys(localSession).sort()).toEqual(Object.keys(realSession).sort());
    expect(Object.keys(localSession.audio.input.turn_detection).sort()).toEqual(Object.keys(realSession.audio.input.turn_detection).sort());
  });
});
