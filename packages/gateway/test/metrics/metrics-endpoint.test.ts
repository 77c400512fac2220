/**
 * GET /metrics on a real gateway (local engine): the token is required and
 * checked, the text parses with a Prometheus parser, and its counters move
 * by exactly what one scripted conversation and one refused token request
 * did. Without metrics configured there is no /metrics at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { askInText, connectClient } from '../helpers/socket-client.js';
import { eventually } from '../helpers/eventually.js';
import { moved, sample, scrape } from '../helpers/scrape.js';
import { nodeMetrics } from '../../src/metrics/prom-registry.js';
import { FAMILY_LIST } from '../../src/metrics/families.js';

const TOKEN = 'metrics-token-for-the-tests-0123';
const FRAME_BYTES = 960; // 20 ms of PCM16 at 24 kHz
const FRAMES = 25;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ metrics: nodeMetrics({ sites: ['demo'], token: TOKEN }) });
});
afterAll(() => gw?.close());

describe('GET /metrics', () => {
  it('answers 401 without the token, with a wrong one, and with one of another length', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN.replace(/.$/, 'x')}` }, { authorization: 'Bearer short' }, { authorization: TOKEN }];
    for (const headers of attempts) {
      const res = await fetch(`${gw.url}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe('unauthorized');
    }
  });

  it('serves every family in the Prometheus text format', async () => {
    const families = await scrape(`${gw.url}/metrics`, TOKEN);
    const names = new Set(families.map((f) => f.name));
    for (const f of FAMILY_LIST) {
      // A family with no series yet prints nothing but its HELP and TYPE lines; prom-client prints those for every family.
      expect(names.has(f.name), f.name).toBe(true);
      expect(families.find((p) => p.name === f.name)!.type).toBe(f.type.toUpperCase());
    }
    expect(sample(families, 'contoso_voice_sessions_open', { site: 'demo' })).toBe(0);
    expect(names.has('process_resident_memory_bytes')).toBe(true);
  });

  it('moves with a conversation and a refused token request', async () => {
    const before = await scrape(`${gw.url}/metrics`, TOKEN);

    const refused = await fetch(`${gw.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-site-secret' },
      body: JSON.stringify({ site: 'demo' }),
    });
    expect(refused.status).toBe(401);

    const client = await connectClient(`${gw.wsUrl}?site=demo&audio=binary`);
    await client.waitFor('gateway.session');
    const frame = Buffer.alloc(FRAME_BYTES); // silence: counted as audio, never a turn
    for (let i = 0; i < FRAMES; i++) client.sendRaw(frame);
    askInText(client, 'Do you sell headlamps?');
    // The tool round's response, then the answer: a message.
    await client.waitFor((e) => e.type === 'response.done' && e.response?.output?.some((o: { type: string }) => o.type === 'message'), 10_000);
    client.send({ type: 'response.create' });
    await client.waitFor((e) => e.type === 'response.done' && client.binary().length > 0, 10_000);
    expect(client.events().filter((e) => e.type === 'error')).toEqual([]);
    const sentJson = [
      JSON.stringify({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Do you sell headlamps?' }] } }),
      JSON.stringify({ type: 'response.create', response: { output_modalities: ['text'] } }),
      JSON.stringify({ type: 'response.create' }),
    ];
    client.close();
    await client.closed;
    await eventually(() => gw.logs.some((l) => l.event === 'session.close'), 'the session.close line');
    const after = await scrape(`${gw.url}/metrics`, TOKEN);
    const demo = { site: 'demo' };

    expect(moved(before, after, 'contoso_voice_refusals_total', { site: 'demo', stage: 'token', code: 'bad_site_secret' })).toBe(1);
    expect(moved(before, after, 'contoso_voice_sessions_opened_total', demo)).toBe(1);
    expect(sample(after, 'contoso_voice_sessions_open', demo)).toBe(0);
    expect(moved(before, after, 'contoso_voice_sessions_closed_total', { site: 'demo', code: '1000', by: 'client' })).toBe(1);
    expect(moved(before, after, 'contoso_voice_tool_calls_total', { site: 'demo', tool: 'search_products', ok: 'true' })).toBe(1);
    expect(after.find((f) => f.name === 'contoso_voice_tool_duration_seconds')?.metrics.length).toBeGreaterThan(0);

    // The relay, both ways: every frame the client sent and every one it received.
    expect(moved(before, after, 'contoso_voice_relay_frames_total', { site: 'demo', direction: 'from_client' })).toBe(FRAMES + sentJson.length);
    expect(moved(before, after, 'contoso_voice_relay_bytes_total', { site: 'demo', direction: 'from_client' })).toBe(
      FRAMES * FRAME_BYTES + sentJson.reduce((n, s) => n + s.length, 0),
    );
    expect(moved(before, after, 'contoso_voice_relay_frames_total', { site: 'demo', direction: 'to_client' })).toBe(client.received.length);
    // Audio seconds: the silence the model was sent, and the speech the client got back as binary frames.
    expect(moved(before, after, 'contoso_voice_audio_seconds_total', { site: 'demo', direction: 'in' })).toBeCloseTo((FRAMES * FRAME_BYTES) / 48_000, 9);
    const heard = client.binary().reduce((n, b) => n + b.byteLength, 0);
    expect(heard).toBeGreaterThan(0);
    expect(moved(before, after, 'contoso_voice_audio_seconds_total', { site: 'demo', direction: 'out' })).toBeCloseTo(heard / 48_000, 9);
  });
});

describe('a gateway without metrics', () => {
  it('has no /metrics', async () => {
    const plain = await startTestGateway();
    try {
      const res = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
