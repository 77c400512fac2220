/**
 * What a newcomer gets: the gateway as `npm start` runs it, with no key, and
 * the openai client example holding a grounded text conversation with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { demoCatalog, inCategory } from './helpers/demo-catalog.js';
import { eventually } from './helpers/eventually.js';
import { ROOT, TSX, startMain, type MainProcess } from './helpers/main-process.js';

let gateway: MainProcess;
let httpUrl = '';
let tlsUrl = '';
const workDir = mkdtempSync(`${tmpdir()}/cv-start-`);
const output = () => gateway.output();

function run(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, ...args], { cwd, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(async () => {
  // Its own working directory, so the development certificate is made fresh, as on a new machine.
  gateway = await startMain(workDir);
  httpUrl = gateway.httpUrl;
  tlsUrl = gateway.tlsUrl!;
});
afterAll(() => gateway.stop());

describe('npm start', () => {
  it('says which upstream it uses and serves health', async () => {
    expect(output()).toMatch(/upstream: local \(built-in local engine: no model key set\)/);
    expect(await fetch(`${httpUrl}/healthz`).then((r) => r.json())).toMatchObject({ status: 'ok', upstream: 'local' });
  });

  it('serves the storefront with its CSP and answers an unknown path with the 404, not a 500', async () => {
    const page = await fetch(`${httpUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const missing = await fetch(`${httpUrl}/no-such-page.html`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });

  it('holds a grounded text conversation with the openai client example', async () => {
    const { code, out } = await run(['examples/openai-sdk/chat.ts', 'Do you have waterproof hiking boots under $150?'], {
      GATEWAY_URL: tlsUrl,
      GATEWAY_CA_FILE: `${workDir}/.contoso-voice/dev-cert/cert.pem`,
      SITE_SECRET_FILE: `${workDir}/.contoso-voice/site-secret-demo`,
    });
    expect(code).toBe(0);
    const named = demoCatalog.filter((p) => out.includes(p.name));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((p) => inCategory(p, 'Hiking footwear') && p.price <= 150)).toBe(true);
    expect(out).toMatch(/card: .+ — \d+ USD/);
    // Structured logs, without the shopper's words.
    await eventually(() => /"event":"tool.call"/.test(output()), 'the tool.call log line');
    expect(output()).not.toContain('waterproof hiking boots');
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await gateway.stop()).toBe(0);
  });
});
