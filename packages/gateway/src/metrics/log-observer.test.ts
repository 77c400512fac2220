/**
 * The agreed log events, as the usage meter, the budgets, the webhooks and
 * the upstream link log them, land in the right series of the real Node
 * registry, read back through a Prometheus text parser; labels stay bounded
 * whatever the fields say.
 */
import { describe, expect, it } from 'vitest';
import { nodeMetrics } from './prom-registry.js';
import { sample } from '../../test/helpers/scrape.js';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type { LogFields } from '../log.js';

function setup() {
  const metrics = nodeMetrics({ sites: ['demo', 'acme'], processMetrics: false });
  const lines: string[] = [];
  const log = metrics.wrapLog((event) => lines.push(event));
  const read = async () => parsePrometheusTextFormat((await metrics.render()).body);
  return { log, lines, read };
}

describe('the log observer', () => {
  it('counts tokens and cost by site, model and lane, and unknown usage apart', async () => {
    const { log, read } = setup();
    const usage = (f: LogFields) => log('usage.response', { site: 'demo', model: 'gpt-realtime', lane: 'realtime', known: true, ...f });
    usage({ input_text: 100, input_audio: 600, input_cached: 50, output_text: 20, output_audio: 1200, usd: 0.0962 });
    usage({ input_text: 10, output_text: 5, usd: 0.001 });
    usage({ model: 'gpt-4.1-mini', lane: 'text', input_text: 300, output_text: 80, usd: 0.000248 });
    usage({ known: false });
    const m = await read();
    const realtime = { site: 'demo', model: 'gpt-realtime', lane: 'realtime' };
    expect(sample(m, 'contoso_voice_tokens_total', { ...realtime, kind: 'input_text' })).toBe(110);
    expect(sample(m, 'contoso_voice_tokens_total', { ...realtime, kind: 'output_audio' })).toBe(1200);
    expect(sample(m, 'contoso_voice_tokens_total', { ...realtime, kind: 'input_cached' })).toBe(50);
    expect(sample(m, 'contoso_voice_cost_usd_total', realtime)).toBeCloseTo(0.0972, 9);
    expect(sample(m, 'contoso_voice_tokens_total', { site: 'demo', model: 'gpt-4.1-mini', lane: 'text', kind: 'output_text' })).toBe(80);
    expect(sample(m, 'contoso_voice_usage_unknown_total', realtime)).toBe(1);
  });

  it('keeps the last budget state per site, and counts webhooks', async () => {
    const { log, read } = setup();
    log('budget.level', { site: 'acme', remaining_usd: 4.5, level: 'ok' });
    log('budget.level', { site: 'acme', remaining_usd: 0.2, level: 'near' });
    log('webhook.delivered', { site: 'acme', attempts: 2 });
    log('webhook.dropped', { site: 'acme', attempts: 6 });
    log('webhook.delivered', { site: 'acme', attempts: 1 });
    const m = await read();
    expect(sample(m, 'contoso_voice_budget_remaining_usd', { site: 'acme' })).toBe(0.2);
    expect(sample(m, 'contoso_voice_budget_level', { site: 'acme' })).toBe(1);
    expect(sample(m, 'contoso_voice_webhooks_total', { site: 'acme', outcome: 'delivered' })).toBe(2);
    expect(sample(m, 'contoso_voice_webhooks_total', { site: 'acme', outcome: 'dropped' })).toBe(1);
  });

  it('puts events that name only their session to that session\'s site, and counts dropped events once each', async () => {
    const { log, read } = setup();
    log('session.open', { session: 's1', site: 'acme' });
    log('client.refused', { session: 's1', code: 'invalid_json' });
    log('upstream.error', { session: 's1', type: 'server_error', code: 'server_error' });
    log('upstream.close', { session: 's1', code: 1006 });
    // Logged at the 1st, 2nd, 4th and 8th malformed event: eight in all.
    for (const dropped of [1, 2, 4, 8]) log('upstream.dropped', { session: 's1', code: 'upstream_malformed_event', dropped });
    log('session.close', { session: 's1', site: 'acme', code: 1000, by: 'client', ms: 42_000 });
    const m = await read();
    expect(sample(m, 'contoso_voice_refusals_total', { site: 'acme', stage: 'client', code: 'invalid_json' })).toBe(1);
    expect(sample(m, 'contoso_voice_upstream_errors_total', { site: 'acme', event: 'error', code: 'server_error' })).toBe(1);
    expect(sample(m, 'contoso_voice_upstream_errors_total', { site: 'acme', event: 'close', code: '1006' })).toBe(1);
    expect(sample(m, 'contoso_voice_upstream_errors_total', { site: 'acme', event: 'dropped' })).toBe(8);
    expect(sample(m, 'contoso_voice_sessions_open', { site: 'acme' })).toBe(0);
    expect(sample(m, 'contoso_voice_sessions_closed_total', { site: 'acme', code: '1000', by: 'client' })).toBe(1);
  });

  it('collapses sites not in config, odd codes and unknown tools into bounded labels', async () => {
    const { log, read } = setup();
    log('token.refused', { site: 'evil.example', code: 'bad_site_secret' });
    log('session.refused', { site: 'demo', code: 'a code with spaces and {braces}' });
    log('tool.refused', { session: 'nobody', site: 'demo', code: 'unknown_tool', tool: 'make_me_rich' });
    for (let i = 0; i < 100; i++) log('session.refused', { site: 'demo', code: `code_${i}` });
    const m = await read();
    expect(sample(m, 'contoso_voice_refusals_total', { site: 'other', stage: 'token', code: 'bad_site_secret' })).toBe(1);
    expect(sample(m, 'contoso_voice_tool_calls_total', { site: 'demo', tool: 'unknown', ok: 'false' })).toBe(1);
    const codes = new Set(m.find((f) => f.name === 'contoso_voice_refusals_total')!.metrics.map((s) => s.labels!.code));
    expect(codes.size).toBeLessThanOrEqual(66);
    expect(sample(m, 'contoso_voice_refusals_total', { site: 'demo', stage: 'session', code: 'other' })).toBeGreaterThan(30);
  });

  it('still logs every line, counted or not', () => {
    const { log, lines } = setup();
    log('session.open', { session: 's', site: 'demo' });
    log('catalog.loaded', { site: 'demo' });
    log('usage.response', { site: 'demo', input_text: -5, usd: Number.NaN });
    expect(lines).toEqual(['session.open', 'catalog.loaded', 'usage.response']);
  });
});
