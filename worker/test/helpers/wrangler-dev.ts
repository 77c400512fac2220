/**
 * `wrangler dev` from node_modules on free loopback ports, offline: workerd
 * runs the Worker locally, with no Cloudflare account. Stopped by killing its
 * whole process group, and checked to have left no process behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOMY_ADDRESS_LIMITS, TEST_SITE_SECRET, TEST_TOKEN_SECRET } from '../../../packages/gateway/test/helpers/test-secrets.js';

const WORKER_DIR = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../../../node_modules/wrangler/bin/wrangler.js', import.meta.url));

export interface WranglerDev {
  url: string;
  port: number;
  /** Everything wrangler and the Worker printed, line by line. */
  output: string[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Pids whose process group is `pgid`, read from /proc (field 5 of stat). */
export function processesInGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/**
 * `vars` are the Worker's env; test secrets and roomy per-address limits are set unless given.
 * `stateDir` is local state to run on (R2 objects put there by `sites:upload --local --persist-to`);
 * it is the caller's, and kept. By default a temp dir is used and removed.
 * A free port can be taken between finding it and workerd binding it (the suites' own client sockets use
 * the same range), so a start that fails on a taken address is tried again on new ports.
 */
export async function startWranglerDev(vars: Record<string, string>, timeoutMs = 60_000, stateDir?: string): Promise<WranglerDev> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(vars, timeoutMs, stateDir);
    } catch (err) {
      if (attempt >= 3 || !(err instanceof Error) || !/Address already in use/.test(err.message)) throw err;
    }
  }
}

async function startOnce(vars: Record<string, string>, timeoutMs: number, givenStateDir: string | undefined): Promise<WranglerDev> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const stateDir = givenStateDir ?? mkdtempSync(join(tmpdir(), 'contoso-wrangler-'));
  const args = [WRANGLER, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--persist-to', stateDir, '--show-interactive-dev-session=false'];
  const withSecrets = { TOKEN_SECRET: TEST_TOKEN_SECRET, SITE_SECRET_DEMO: TEST_SITE_SECRET, LIMITS: JSON.stringify(ROOMY_ADDRESS_LIMITS), ...vars };
  for (const [name, value] of Object.entries(withSecrets)) args.push('--var', `${name}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: WORKER_DIR,
    detached: true, // its own process group, so workerd goes down with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CI: 'true',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      // Offline: no Request.cf download, no telemetry, logs in our temp dir.
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_TELEMETRY_DISABLED: '1',
      WRANGLER_LOG_PATH: stateDir,
    },
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const pgid = child.pid!;

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-pgid, 'SIGTERM');
      const timer = setTimeout(() => processesInGroup(pgid).length && process.kill(-pgid, 'SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
    }
    // workerd may outlive wrangler's node process by a moment.
    for (let i = 0; i < 50 && processesInGroup(pgid).length; i++) await new Promise((r) => setTimeout(r, 100));
    const left = processesInGroup(pgid);
    if (left.length) {
      process.kill(-pgid, 'SIGKILL');
      throw new Error(`wrangler dev left processes behind: ${left.join(', ')}`);
    }
    if (!givenStateDir) rmSync(stateDir, { recursive: true, force: true });
  }

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`wrangler dev exited with ${child.exitCode}:\n${output.join('\n')}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return { url, port, output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not answer within ${timeoutMs} ms:\n${output.join('\n')}`);
}
