/**
 * `npm start` and metrics: off by default, with a start-up line saying how
 * to turn them on; METRICS_PORT serves them on a listener of its own (no
 * token, the main port still 404s); a short METRICS_TOKEN stops the start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { ROOT, TSX, startMain, type MainProcess } from '../helpers/main-process.js';
import { sample, scrape } from '../helpers/scrape.js';
import { freePort } from '../../../../worker/test/helpers/wrangler-dev.js';

const started: MainProcess[] = [];
afterAll(() => Promise.all(started.map((g) => g.stop())));

async function start(env: NodeJS.ProcessEnv) {
  const gateway = await startMain(mkdtempSync(`${tmpdir()}/cv-metrics-`), { DEV_TLS: 'off', ...env });
  started.push(gateway);
  return gateway;
}

describe('npm start with metrics', () => {
  it('is off unless asked for, and says how to turn it on', async () => {
    const gateway = await start({ METRICS_TOKEN: '', METRICS_PORT: '' });
    expect(gateway.output()).toContain('metrics: off (set METRICS_TOKEN for GET /metrics on this port, or METRICS_PORT for a listener of its own)');
    expect((await fetch(`${gateway.httpUrl}/metrics`)).status).toBe(404);
  });

  it('serves METRICS_PORT without a token, and nothing else there', async () => {
    const port = await freePort();
    const gateway = await start({ METRICS_PORT: String(port), METRICS_TOKEN: '' });
    expect(gateway.output()).toContain(`metrics: http://127.0.0.1:${port}/metrics`);
    const families = await scrape(`http://127.0.0.1:${port}/metrics`);
    expect(sample(families, 'contoso_voice_sessions_open', { site: 'demo' })).toBe(0);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
    expect((await fetch(`${gateway.httpUrl}/metrics`)).status).toBe(404);
  });

  it('refuses to start with a guessable token', async () => {
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}packages/gateway/src/main.ts`], {
      cwd: mkdtempSync(`${tmpdir()}/cv-metrics-`),
      env: { ...process.env, PORT: '0', DEV_TLS: 'off', OPENAI_API_KEY: '', AZURE_OPENAI_API_KEY: '', UPSTREAM: '', METRICS_TOKEN: 'short' },
    });
    let out = '';
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(1);
    expect(out).toContain('Could not start the gateway: METRICS_TOKEN must be at least 16 characters');
  });
});
