/**
 * Idle and half-open TCP connections must not take every file descriptor.
 * The gateway runs in its own process under `ulimit -n 256`; attackers on
 * loopback addresses 127.0.0.2 and up open a few hundred connections that
 * never send a byte. Bounded: at most 500 sockets, about ten seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ROOT, TSX } from './helpers/main-process.js';
import { eventually } from './helpers/eventually.js';

const CHILD = fileURLToPath(new URL('./helpers/gateway-child.ts', import.meta.url));
let child: ChildProcess;
let output = '';
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  child = spawn('bash', ['-c', `ulimit -n 256; exec "${process.execPath}" --import ${TSX} "${CHILD}"`], {
    cwd: ROOT,
    env: { ...process.env, CONNECTIONS: JSON.stringify({ headersTimeoutMs: 2000 }) },
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await eventually(() => /listening (http:\/\/\S+)/.exec(output)?.[1], 'the gateway to listen', 15_000);
  port = Number(new URL(url).port);
}, 20_000);
afterAll(() => {
  for (const s of sockets) s.destroy();
  child?.kill('SIGTERM');
});

/** A connection from `from` that sends nothing; resolves with what it was told, once closed, or when it is still open at the end. */
function idle(from: string) {
  const socket = connect({ port, host: '127.0.0.1', localAddress: from });
  sockets.push(socket);
  let answer = '';
  socket.on('data', (d) => (answer += d));
  socket.on('error', () => {});
  // Bounded in time: one still open after 3 s says so instead of holding the test.
  const closed = new Promise<string>((resolve) => {
    socket.once('close', () => resolve(answer || 'closed'));
    setTimeout(() => resolve('still open'), 3000).unref();
  });
  return { socket, closed };
}

const health = () =>
  fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
    (r) => r.status,
    () => 0,
  );

describe('idle connections under a lowered descriptor limit', () => {
  it('one address gets at most 32; the rest are answered 503 too_many_connections', async () => {
    const conns = Array.from({ length: 100 }, () => idle('127.0.0.2'));
    await new Promise((r) => setTimeout(r, 700));
    const refused = await Promise.all(conns.slice(32).map((c) => c.closed));
    expect(refused.every((a) => a.includes('503') && a.includes('too_many_connections'))).toBe(true);
    expect(conns.slice(0, 32).every((c) => !c.socket.destroyed)).toBe(true);
    expect(await health()).toBe(200);
  });

  it('many addresses fill no more than the cap; idle ones are dropped after the header timeout, and the gateway serves again', async () => {
    const started = Date.now();
    const conns = Array.from({ length: 20 }, (_, a) => Array.from({ length: 20 }, () => idle(`127.0.0.${a + 3}`))).flat();
    await new Promise((r) => setTimeout(r, 500));
    // The cap under 256 descriptors: three quarters, less room for model sockets and files.
    expect(conns.filter((c) => !c.socket.destroyed).length).toBeLessThanOrEqual(Math.floor(256 * 0.75) - 32);
    // Every idle connection, from the first test's address too, is closed within the header timeout and the check after it.
    await eventually(async () => (await health()) === 200 && conns.every((c) => c.socket.destroyed), 'the gateway to serve again', 8000);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(child.exitCode).toBeNull();
    expect(output).not.toMatch(/EMFILE|Error/);
  }, 15_000);
});
