/**
 * A retailer's HTTP tool against a real HTTP server on 127.0.0.1 (allowed
 * through allowHosts, as an operator's TOOL_ALLOW_HOSTS would), through the
 * real Node tool fetch: the signature verifies by the documented recipe
 * (recomputed here with node:crypto), arguments arrive as a POST body or a
 * GET query, and every bad answer (redirect, 500, HTML, too large, too slow)
 * becomes an error output. Private addresses are refused before any
 * connection, and a name that resolves to one is refused when connecting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { httpTool, isAllowedHost, parseAllowHosts, type HttpToolDeps } from '../src/tools/http-tool.js';
import { verifySignature } from '../src/tools/request-signature.js';
import { nodeToolFetch, type Resolve } from '../src/node/tool-fetch.js';
import type { HttpToolConfig } from '../src/sites/types.js';
import type { ToolContext } from '../src/tools/types.js';
import type { LogFields } from '../src/log.js';

const SECRET = 'order-tool-signing-secret-for-tests';
const SECRET_ENV = 'ORDER_TOOL_SECRET';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let port = 0;
let base = '';
const hits = new Map<string, number>();
const seen: Seen[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/orders': (_req, res) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ order: 'A-1001', status: 'shipped' })),
  '/redirect': (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/orders` }).end(),
  '/slow': () => {},
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status": ');
  },
  '/fail': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error'),
  '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no such order"}'),
  '/html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Login</h1>'),
  '/big': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pad: 'x'.repeat(20_000) })),
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"pad":"');
    for (let i = 0; i < 20; i++) res.write('x'.repeat(1000));
    res.end('"}');
  },
  '/garbled': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status": shipped'),
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
});
beforeEach(() => {
  hits.clear();
  seen.length = 0;
});

const ctx = { site: { id: 'outdoor' } } as unknown as ToolContext;

function config(path: string, over: Partial<HttpToolConfig> = {}): HttpToolConfig {
  return {
    name: 'order_status',
    description: 'Looks up an order',
    parameters: { type: 'object', properties: { order_number: { type: 'string' } }, required: ['order_number'] },
    url: `${base}${path}`,
    method: 'POST',
    timeoutMs: 1000,
    maxResponseBytes: 4096,
    signingSecretEnv: SECRET_ENV,
    showResult: false,
    after: 'respond',
    ...over,
  };
}

function runtime(over: Partial<HttpToolDeps> = {}): HttpToolDeps & { logs: [string, LogFields][] } {
  const logs: [string, LogFields][] = [];
  const allowHosts = over.allowHosts ?? [`127.0.0.1:${port}`];
  return {
    allowHosts,
    fetch: nodeToolFetch({ allowHosts }),
    secret: (name) => (name === SECRET_ENV ? SECRET : undefined),
    ...over,
    log: (event, fields = {}) => logs.push([event, fields]),
    logs,
  };
}

/** The documented recipe, recomputed without the module: hex HMAC-SHA256 of `${timestamp}.${body}`. */
const recipe = (timestamp: string, body: string) => `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;

async function call(cfg: HttpToolConfig, rt = runtime(), args: Record<string, unknown> = { order_number: 'A-1001' }) {
  const result = await httpTool(cfg, rt).run(args, ctx);
  return { output: result.output as Record<string, unknown>, logs: rt.logs.filter(([e]) => e === 'tool.http').map(([, f]) => f) };
}

describe('an HTTP tool', () => {
  it('POSTs the call as signed JSON and gives the model the answer', async () => {
    const { output, logs } = await call(config('/orders'));
    expect(output).toEqual({ order: 'A-1001', status: 'shipped' });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ tool: 'order_status', arguments: { order_number: 'A-1001' }, site: 'outdoor' });
    const timestamp = req.headers['x-contoso-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
    expect(req.headers['x-contoso-signature']).toBe(recipe(timestamp, req.body));
    // The helper the README shows retailers agrees, and refuses a changed body, a wrong secret and an old request.
    const header = req.headers['x-contoso-signature'] as string;
    expect(await verifySignature(SECRET, timestamp, req.body, header)).toBe(true);
    expect(await verifySignature(SECRET, timestamp, req.body.replace('A-1001', 'A-1002'), header)).toBe(false);
    expect(await verifySignature('another-secret-entirely', timestamp, req.body, header)).toBe(false);
    expect(await verifySignature(SECRET, timestamp, req.body, header, (Number(timestamp) + 301) * 1000)).toBe(false);
    expect(logs).toEqual([expect.objectContaining({ tool: 'order_status', status: 200, ok: true, code: 'ok', ms: expect.any(Number) })]);
  });

  it('GETs with the arguments as the query string, signed over the query string without "?"', async () => {
    const { output } = await call(config('/orders?shop=1', { method: 'GET' }), runtime(), { order_number: 'A 1001&x', include: ['items'], limit: 2 });
    expect(output).toEqual({ order: 'A-1001', status: 'shipped' });
    const req = seen[0]!;
    expect(req.method).toBe('GET');
    expect(req.body).toBe('');
    const query = req.url.split('?')[1]!;
    const params = new URLSearchParams(query);
    expect(Object.fromEntries(params)).toEqual({ shop: '1', order_number: 'A 1001&x', include: '["items"]', limit: '2' });
    expect(req.headers['x-contoso-signature']).toBe(recipe(req.headers['x-contoso-timestamp'] as string, query));
  });

  it('sends nothing unsigned when the secret it names is not set, and logs why', async () => {
    const { output, logs } = await call(config('/orders'), runtime({ secret: () => undefined }));
    expect(output.error).toMatch(/signing secret/);
    expect(JSON.stringify(output)).not.toContain(SECRET_ENV);
    expect(hits.size).toBe(0);
    expect(logs).toEqual([expect.objectContaining({ tool: 'order_status', ok: false, code: 'missing_secret', env: SECRET_ENV })]);
  });

  it("refuses to sign with the gateway's own secrets", async () => {
    const { output, logs } = await call(config('/orders', { signingSecretEnv: 'TOKEN_SECRET' }), runtime({ secret: () => SECRET }));
    expect(output.error).toMatch(/signing secret/);
    expect(hits.size).toBe(0);
    expect(logs[0]).toMatchObject({ code: 'missing_secret', env: 'TOKEN_SECRET' });
  });

  it('sends no signature headers for a tool that names no secret', async () => {
    const { output } = await call(config('/orders', { signingSecretEnv: undefined }));
    expect(output.status).toBe('shipped');
    expect(seen[0]!.headers['x-contoso-signature']).toBeUndefined();
  });

  it('does not follow a redirect, even to an allowed host', async () => {
    const { output, logs } = await call(config('/redirect'));
    expect(output).toEqual({ error: 'the endpoint redirected; redirects are not followed', status: 302 });
    expect(hits.get('/redirect')).toBe(1);
    expect(hits.get('/orders')).toBeUndefined();
    expect(logs[0]).toMatchObject({ status: 302, ok: false, code: 'redirect' });
  });

  it.each([
    ['a private address', 'http://10.0.0.1/orders'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]:PORT/orders'],
    ['IPv4 loopback not allowed', 'http://127.0.0.1:PORT/orders'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:PORT/orders'],
    ['the unspecified address', 'http://0.0.0.0:PORT/orders'],
    ['localhost', 'http://localhost:PORT/orders'],
    ['a .localhost name', 'http://shop.localhost:PORT/orders'],
    ['a private address spelt as a number', 'http://167772161/orders'],
  ])('refuses %s without connecting', async (_what, url) => {
    let fetched = 0;
    const rt = runtime({ allowHosts: [], fetch: () => (fetched++, Promise.reject(new Error('fetched'))) });
    const { output, logs } = await call(config('', { url: url.replace('PORT', String(port)) }), rt);
    expect(output.error).toMatch(/not allowed/);
    expect(fetched).toBe(0);
    expect(hits.size).toBe(0);
    expect(logs[0]).toMatchObject({ ok: false, code: 'refused_host', status: null });
  });

  it('allows a loopback host only on the port the operator lists', async () => {
    const { output } = await call(config('/orders'), runtime({ allowHosts: ['127.0.0.1:1'] }));
    expect(output.error).toMatch(/not allowed/);
    expect(hits.size).toBe(0);
    const whole = await call(config('/orders'), runtime({ allowHosts: ['127.0.0.1'] }));
    expect(whole.output.status).toBe('shipped');
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    const started = Date.now();
    const { output, logs } = await call(config('/slow', { timeoutMs: 300 }));
    expect(output).toEqual({ error: 'the endpoint did not answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(logs[0]).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('gives up on an answer that trickles past the timeout', async () => {
    const started = Date.now();
    const { output, logs } = await call(config('/trickle', { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(output.error).toBe('the endpoint did not answer within 300 ms');
    expect(logs[0]).toMatchObject({ ok: false, code: 'timeout' });
  });

  it('turns a 500 into an error output', async () => {
    const { output, logs } = await call(config('/fail'));
    expect(output).toEqual({ error: 'the endpoint answered HTTP 500', status: 500 });
    expect(logs[0]).toMatchObject({ status: 500, ok: false, code: 'http_error' });
  });

  it("passes on a JSON error's answer, so the model can say what was wrong", async () => {
    const { output } = await call(config('/missing'));
    expect(output).toEqual({ error: 'the endpoint answered HTTP 404', status: 404, answer: { error: 'no such order' } });
  });

  it('refuses an HTML answer', async () => {
    const { output, logs } = await call(config('/html'));
    expect(output).toEqual({ error: 'the endpoint answered text/html, not JSON', status: 200 });
    expect(logs[0]).toMatchObject({ status: 200, ok: false, code: 'not_json' });
  });

  it('refuses JSON that does not parse', async () => {
    const { output } = await call(config('/garbled'));
    expect(output.error).toBe('the endpoint answered invalid JSON');
  });

  it.each(['/big', '/big-chunked'])('refuses an answer over its size bound (%s)', async (path) => {
    const { output, logs } = await call(config(path, { maxResponseBytes: 4096 }));
    expect(output).toEqual({ error: "the endpoint's answer is larger than 4 KB", status: 200 });
    expect(logs[0]).toMatchObject({ ok: false, code: 'too_large' });
    // The same answer under a larger bound is read whole.
    const roomy = await call(config(path, { maxResponseBytes: 64 * 1024 }));
    expect((roomy.output.pad as string).length).toBe(20_000);
  });

  it('says so when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const { output, logs } = await call(config('', { url: `http://127.0.0.1:${deadPort}/orders` }), runtime({ allowHosts: [`127.0.0.1:${deadPort}`] }));
    expect(output.error).toMatch(/could not be reached/);
    expect(logs[0]).toMatchObject({ ok: false, code: 'unreachable' });
  });

  it("carries the site's showResult and after settings", () => {
    const tool = httpTool(config('/orders', { showResult: true, after: 'wait' }), runtime());
    expect(tool).toMatchObject({ name: 'order_status', description: 'Looks up an order', showResult: true, after: 'wait' });
    expect(tool.parameters.required).toEqual(['order_number']);
  });
});

describe("the Node tool fetch's address check at connect time", () => {
  // A name the retailer controls whose DNS answers 127.0.0.1 (or rebinds to it after a check).
  const resolve: Resolve = (hostname, _options, callback) =>
    hostname === 'orders.shop.example' ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);

  it('refuses a host name that resolves to a loopback address', async () => {
    const rt = runtime({ allowHosts: [], fetch: nodeToolFetch({ resolve }) });
    const { output, logs } = await call(config('', { url: `http://orders.shop.example:${port}/orders` }), rt);
    expect(output.error).toBe("the tool's endpoint is not allowed: orders.shop.example: 127.0.0.1 is not a public address");
    expect(hits.size).toBe(0);
    expect(logs[0]).toMatchObject({ ok: false, code: 'refused_host' });
  });

  it('connects to it when the operator allows the host', async () => {
    const allowHosts = [`orders.shop.example:${port}`];
    const { output } = await call(config('', { url: `http://orders.shop.example:${port}/orders` }), runtime({ allowHosts, fetch: nodeToolFetch({ allowHosts, resolve }) }));
    expect(output.status).toBe('shipped');
    expect(hits.get('/orders')).toBe(1);
  });
});

describe('TOOL_ALLOW_HOSTS', () => {
  it('is host or host:port, comma-separated', () => {
    const allow = parseAllowHosts(' Orders.Internal:8080, 127.0.0.1 ,,[::1]:9000');
    expect(allow).toEqual(['orders.internal:8080', '127.0.0.1', '[::1]:9000']);
    expect(isAllowedHost(new URL('http://orders.internal:8080/x'), allow)).toBe(true);
    expect(isAllowedHost(new URL('http://orders.internal:8081/x'), allow)).toBe(false);
    expect(isAllowedHost(new URL('http://127.0.0.1:5/x'), allow)).toBe(true);
    expect(isAllowedHost(new URL('http://[::1]:9000/x'), allow)).toBe(true);
    expect(isAllowedHost(new URL('https://orders.internal/x'), ['orders.internal:443'])).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.2/x'), allow)).toBe(false);
  });
});
