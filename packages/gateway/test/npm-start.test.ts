/**
 * What a newcomer gets: the gateway as `npm start` runs it, with no key, and
 * the openai client example holding a grounded text conversation with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { demoCatalog } from '../src/sites/demo/catalog.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The loader by path: the gateway runs from a scratch directory with no node_modules of its own.
const TSX = new URL('node_modules/tsx/dist/loader.mjs', new URL('../../../', import.meta.url)).href;
let gateway: ChildProcess;
let output = '';
let httpUrl = '';
let tlsUrl = '';
const workDir = mkdtempSync(`${tmpdir()}/cv-start-`);

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
  const env = { ...process.env, PORT: '0', DEV_TLS_PORT: '0', OPENAI_API_KEY: '', AZURE_OPENAI_API_KEY: '', UPSTREAM: '' };
  // Its own working directory, so the development certificate is made fresh, as on a new machine.
  gateway = spawn(process.execPath, ['--import', TSX, `${ROOT}packages/gateway/src/main.ts`], { cwd: workDir, env });
  gateway.stdout!.on('data', (d) => (output += d));
  gateway.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 15_000);
    const check = setInterval(() => {
      const http = /gateway on (http:\/\/\S+)/.exec(output);
      const tls = /Development TLS on (https:\/\/\S+)/.exec(output);
      if (http && tls) {
        httpUrl = http[1]!;
        tlsUrl = tls[1]!;
        clearInterval(check);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
  });
});
afterAll(() => {
  gateway.kill('SIGTERM');
});

describe('npm start', () => {
  it('says which upstream it uses and serves health', async () => {
    expect(output).toMatch(/upstream: local \(built-in local engine: no model key set\)/);
    expect(await fetch(`${httpUrl}/healthz`).then((r) => r.json())).toMatchObject({ status: 'ok', upstream: 'local' });
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
    expect(named.every((p) => p.category === 'hiking-footwear' && p.price <= 150)).toBe(true);
    expect(out).toMatch(/card: .+ — \d+ USD/);
    // Structured logs, without the shopper's words.
    expect(output).toMatch(/"event":"tool.call"/);
    expect(output).not.toContain('waterproof hiking boots');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', (code) => resolve(code)));
    gateway.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
