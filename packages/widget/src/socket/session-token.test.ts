import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageToken, sessionToken, type GetToken } from './session-token.js';

const quiet = () => vi.spyOn(console, 'warn').mockImplementation(() => {});

describe("the page's getToken", () => {
  it('may give the token, { token }, or a promise of either', async () => {
    expect(await pageToken(() => 'v1.a')).toBe('v1.a');
    expect(await pageToken(async () => 'v1.b')).toBe('v1.b');
    expect(await pageToken(() => ({ token: 'v1.c' }))).toBe('v1.c');
    expect(await pageToken(async () => ({ token: 'v1.d', expires_at: 1 }))).toBe('v1.d');
  });

  it('fails as "token", saying why, when it throws, rejects or gives no token', async () => {
    const bad: unknown[] = [
      () => {
        throw new Error('backend down');
      },
      async () => {
        throw new Error('HTTP 500');
      },
      () => undefined,
      async () => null,
      () => 42,
      () => '',
      () => ({ token: 7 }),
      () => ({ tok: 'v1.x' }),
      'not a function',
    ];
    const warn = quiet();
    for (const getToken of bad) await expect(pageToken(getToken as GetToken), String(getToken)).rejects.toThrow(/^token$/);
    expect(warn).toHaveBeenCalledTimes(bad.length);
    expect(String(warn.mock.calls[0]![1])).toContain('backend down');
    expect(warn.mock.calls[0]![0]).toContain('getToken');
    warn.mockRestore();
  });

  it('is given up on when it does not answer in time', async () => {
    const warn = quiet();
    const started = Date.now();
    await expect(pageToken(() => new Promise<string>(() => {}), 50)).rejects.toThrow(/^token$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(warn.mock.calls[0]![1]).toBe('timeout');
    warn.mockRestore();
  });

  it('is used instead of POST /v1/sessions when given', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    expect(await sessionToken('http://127.0.0.1:9', 'demo', () => 'v1.page')).toBe('v1.page');
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});

describe('POST {gateway}/v1/sessions', () => {
  let server: Server;
  let base = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const spent = req.url === '/spent/v1/sessions';
      const status = req.url === '/voice/v1/sessions' ? 200 : req.url === '/refused/v1/sessions' ? 403 : req.url === '/broken/v1/sessions' ? 502 : spent || req.url === '/busy/v1/sessions' ? 503 : 404;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { token: 'v1.gw' } : { error: spent ? 'budget_exhausted' : 'x' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('keeps the path of a gateway mounted under one', async () => {
    expect(await sessionToken(`${base}/voice`, 'demo')).toBe('v1.gw');
    expect(seen.at(-1)).toBe('POST /voice/v1/sessions');
  });

  it('fails as "failed" (final) on 403 and 404, and otherwise as a retryable error', async () => {
    await expect(sessionToken(`${base}/refused`, 'demo')).rejects.toThrow(/^failed$/);
    await expect(sessionToken(`${base}/nowhere`, 'demo')).rejects.toThrow(/^failed$/);
    await expect(sessionToken(`${base}/broken`, 'demo')).rejects.toThrow('token 502');
  });

  it("fails as 'unavailable' (final) when the shop's budget is spent, and a plain 503 stays retryable", async () => {
    await expect(sessionToken(`${base}/spent`, 'demo')).rejects.toThrow(/^unavailable$/);
    await expect(sessionToken(`${base}/busy`, 'demo')).rejects.toThrow('token 503');
  });
});
