/**
 * The Worker's /metrics under `wrangler dev`: counts from the front (a
 * refused token) and from a conversation's session host (local engine)
 * reach the one MetricsHost, GET /metrics needs METRICS_TOKEN, the text
 * parses with a Prometheus parser, and the counts survive a restart of
 * workerd because they live in Durable Object storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { askInText, connectClient } from '../../packages/gateway/test/helpers/socket-client.js';
import { eventually } from '../../packages/gateway/test/helpers/eventually.js';
import { moved, sample, scrape, type Scrape } from '../../packages/gateway/test/helpers/scrape.js';

const TOKEN = 'worker-metrics-token-0123456789';
const FRAME_BYTES = 960;
const FRAMES = 10;

let dev: WranglerDev;
let stateDir: string;

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'contoso-metrics-'));
  dev = await startWranglerDev({ METRICS_TOKEN: TOKEN }, 60_000, stateDir);
}, 90_000);
afterAll(async () => {
  await dev?.stop();
  rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

describe('GET /metrics on the Worker', () => {
  it('answers 401 without METRICS_TOKEN or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token-0000' }] as Record<string, string>[]) {
      const res = await fetch(`${dev.url}/metrics`, { headers });
      expect(res.status).toBe(401);
    }
  });

  it('counts a refused token at the front and a conversation in its session host', async () => {
    const before = await scrape(`${dev.url}/metrics`, TOKEN);
    const refused = await fetch(`${dev.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-the-site-secret' },
      body: JSON.stringify({ site: 'demo' }),
    });
    expect(refused.status).toBe(401);

    const client = await connectClient(`${dev.url.replace(/^http/, 'ws')}/v1/realtime?site=demo&audio=binary`);
    await client.waitFor('gateway.session', 15_000);
    for (let i = 0; i < FRAMES; i++) client.sendRaw(Buffer.alloc(FRAME_BYTES));
    askInText(client, 'Do you sell headlamps?');
    await client.waitFor((e) => e.type === 'response.done' && e.response?.output?.some((o: { type: string }) => o.type === 'message'), 15_000);
    client.close();
    await client.closed;

    const demo = { site: 'demo' };
    const after: Scrape = await eventually(async () => {
      const now = await scrape(`${dev.url}/metrics`, TOKEN);
      return moved(before, now, 'contoso_voice_sessions_closed_total', demo) === 1 ? now : null;
    }, 'the session host to send its counts', 15_000);
    expect(moved(before, after, 'contoso_voice_refusals_total', { site: 'demo', stage: 'token', code: 'bad_site_secret' })).toBe(1);
    expect(moved(before, after, 'contoso_voice_sessions_opened_total', demo)).toBe(1);
    expect(sample(after, 'contoso_voice_sessions_open', demo)).toBe(0);
    expect(moved(before, after, 'contoso_voice_sessions_closed_total', { site: 'demo', code: '1000', by: 'client' })).toBe(1);
    expect(moved(before, after, 'contoso_voice_tool_calls_total', { site: 'demo', tool: 'search_products', ok: 'true' })).toBe(1);
    expect(after.find((f) => f.name === 'contoso_voice_tool_duration_seconds')?.type).toBe('HISTOGRAM');
    expect(moved(before, after, 'contoso_voice_relay_frames_total', { site: 'demo', direction: 'from_client' })).toBe(FRAMES + 2);
    expect(moved(before, after, 'contoso_voice_relay_frames_total', { site: 'demo', direction: 'to_client' })).toBe(client.received.length);
    expect(moved(before, after, 'contoso_voice_audio_seconds_total', { site: 'demo', direction: 'in' })).toBeCloseTo((FRAMES * FRAME_BYTES) / 48_000, 9);
  }, 60_000);

  it('keeps its counts across a restart of workerd', async () => {
    const before = await scrape(`${dev.url}/metrics`, TOKEN);
    const opened = sample(before, 'contoso_voice_sessions_opened_total', { site: 'demo' });
    expect(opened).toBeGreaterThan(0);
    await dev.stop();
    dev = await startWranglerDev({ METRICS_TOKEN: TOKEN }, 60_000, stateDir);
    const after = await scrape(`${dev.url}/metrics`, TOKEN);
    expect(sample(after, 'contoso_voice_sessions_opened_total', { site: 'demo' })).toBe(opened);
  }, 90_000);
});

describe('a Worker without METRICS_TOKEN', () => {
  it('has no /metrics', async () => {
    const plain = await startWranglerDev({});
    try {
      expect((await fetch(`${plain.url}/metrics`)).status).toBe(404);
    } finally {
      await plain.stop();
    }
  }, 90_000);
});
