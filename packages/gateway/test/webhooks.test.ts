/**
 * Conversation webhooks end to end: a real gateway on the local engine, a
 * real receiver on 127.0.0.1 (allowed as an operator's TOOL_ALLOW_HOSTS
 * would), the real Node tool fetch. The receiver verifies each record by the
 * documented recipe (node:crypto, not the gateway's module), answers the
 * first attempt with a 500, and still gets exactly one record per
 * conversation. An endpoint that redirects, or a site without its secret,
 * loses the record with a log line and never touches the session.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { askInText, connectClient } from './helpers/socket-client.js';
import { eventually } from './helpers/eventually.js';
import { bundledDemo } from '../src/sites/demo-site.js';
import { nodeToolFetch } from '../src/node/tool-fetch.js';
import type { SiteConfig } from '../src/sites/types.js';

const SECRET = 'webhook-signing-secret-for-tests';

interface Delivery {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let receiver: Server;
let port = 0;
const deliveries: Delivery[] = [];
let failFirst = 0;

const routes: Record<string, (res: ServerResponse) => void> = {
  '/hook': (res) => {
    if (failFirst > 0) {
      failFirst--;
      return res.writeHead(500, { 'content-type': 'text/plain' }).end('try later');
    }
    res.writeHead(204).end();
  },
  '/moved': (res) => res.writeHead(302, { location: 'http://10.0.0.1/hook' }).end(),
  '/slow': () => {},
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      deliveries.push({ path, headers: req.headers, body });
      (routes[path] ?? ((r) => r.writeHead(404).end()))(res);
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise<void>((done) => receiver.close(() => done()));
});

let gw: TestGateway | null = null;
beforeEach(() => {
  deliveries.length = 0;
  failFirst = 0;
});
afterEach(async () => {
  await gw?.close();
  gw = null;
});

/** The receiver's side, as docs/WEBHOOKS.md shows it. */
function verified(d: Delivery, secret = SECRET): boolean {
  const timestamp = String(d.headers['x-contoso-timestamp'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${d.body}`).digest('hex')}`);
  const given = Buffer.from(String(d.headers['x-contoso-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function start(path: string, o: { transcripts?: boolean; secret?: string | null; retryDelaysMs?: number[]; timeoutMs?: number; limits?: object } = {}) {
  const demo = bundledDemo();
  const site = (s: SiteConfig): SiteConfig => ({ ...s, webhook: { url: `http://127.0.0.1:${port}${path}`, signingSecretEnv: 'WEBHOOK_SECRET_DEMO', transcripts: o.transcripts ?? true } });
  const allowHosts = [`127.0.0.1:${port}`];
  const secret = o.secret === undefined ? SECRET : o.secret;
  gw = await startTestGateway({
    ...demo,
    sites: demo.sites.map(site),
    httpTools: { allowHosts, fetch: nodeToolFetch({ allowHosts }), secret: (name) => (name === 'WEBHOOK_SECRET_DEMO' ? (secret ?? undefined) : undefined) },
    webhooks: { retryDelaysMs: o.retryDelaysMs ?? [150, 150], timeoutMs: o.timeoutMs ?? 2000 },
    limits: o.limits,
  });
  return gw;
}

const logged = (event: string) => gw!.logs.filter((l) => l.event === event).map((l) => l.fields);

/** One conversation: a search, an add to the cart the page confirms, a goodbye. */
async function converse(g: TestGateway, undo = false) {
  const client = await connectClient(`${g.wsUrl}?site=demo`);
  const hello = await client.waitFor('gateway.session');
  askInText(client, 'show me tents');
  await client.waitFor('gateway.products');
  // The answer after the search, not the search round's own response.done.
  await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'));
  askInText(client, 'add the Basecamp 4 tent to my cart');
  const call = await client.waitFor('gateway.tool_call');
  client.send({ type: 'gateway.tool_result', call_id: call.call_id, output: { added: true } });
  await client.waitFor((e) => e.type === 'response.output_text.done' && /added/i.test(e.text));
  if (undo) {
    // Frames on one socket arrive in order: the gateway takes the Undo before it sees the close.
    client.send({ type: 'gateway.undo', call_id: call.call_id });
  }
  client.close();
  await client.closed;
  return hello.session_id as string;
}

describe('a conversation webhook', () => {
  it('delivers one signed record per conversation, retried after a 500', async () => {
    failFirst = 1;
    const g = await start('/hook');
    const sessionId = await converse(g);
    await eventually(() => logged('webhook.delivered').length === 1, 'the record delivered');
    expect(deliveries).toHaveLength(2);
    expect(deliveries.every((d) => verified(d))).toBe(true);
    expect(verified(deliveries[1]!, 'another-secret-entirely')).toBe(false);
    expect(deliveries[0]!.body).toBe(deliveries[1]!.body);
    expect(deliveries[1]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-contoso-event': 'conversation.ended', 'x-contoso-site': 'demo', 'x-contoso-delivery': `${sessionId}.0` });

    const record = JSON.parse(deliveries[1]!.body);
    expect(record).toMatchObject({ type: 'conversation.ended', version: 1, conversation_id: sessionId, site: 'demo', transcripts: true, close: { code: 1000, by: 'client' }, reseeds: 0 });
    expect(Date.parse(record.ended_at)).toBeGreaterThanOrEqual(Date.parse(record.started_at));
    expect(record.turns[0]).toMatchObject({ role: 'user', kind: 'text', text: 'show me tents' });
    expect(record.turns.some((t: { role: string; text?: string }) => t.role === 'assistant' && /added/i.test(t.text ?? ''))).toBe(true);
    expect(record.products_shown.map((p: { id: string }) => p.id)).toContain('tent-basecamp-4');
    expect(record.tools_called.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['search_products', 'add_to_cart']));
    expect(record.tools_called.find((t: { name: string }) => t.name === 'add_to_cart')).toMatchObject({ kind: 'client', ok: true });
    expect(record.cart_actions).toEqual([expect.objectContaining({ action: 'add', product_id: 'tent-basecamp-4', quantity: 1, currency: 'USD', price: expect.any(Number) })]);
    // The usage meter's totals: the local engine reports usage like the service does.
    expect(record.usage).toMatchObject({ responses: expect.any(Number), tokens_in: expect.any(Number), usd: expect.any(Number) });
    expect(record.usage.responses).toBeGreaterThan(0);

    expect(logged('webhook.retry')).toEqual([expect.objectContaining({ site: 'demo', attempts: 1, reason: 'http_error', status: 500 })]);
    expect(logged('webhook.delivered')).toEqual([expect.objectContaining({ site: 'demo', attempts: 2, status: 204 })]);
    // Nothing more comes later: one record for the conversation.
    await new Promise((r) => setTimeout(r, 400));
    expect(deliveries).toHaveLength(2);
  });

  it('leaves out what was said when the site turns transcripts off', async () => {
    const g = await start('/hook', { transcripts: false });
    await converse(g);
    await eventually(() => deliveries.length === 1, 'the record');
    const record = JSON.parse(deliveries[0]!.body);
    expect(record.transcripts).toBe(false);
    expect(record.turns.length).toBeGreaterThan(2);
    expect(record.turns.every((t: object) => !('text' in t))).toBe(true);
    expect(deliveries[0]!.body).not.toContain('show me tents');
    expect(record.cart_actions).toHaveLength(1);
  });

  it("counts the shopper's Undo of the assistant's add among the cart actions", async () => {
    const g = await start('/hook');
    await converse(g, true);
    await eventually(() => deliveries.length === 1, 'the record');
    const record = JSON.parse(deliveries[0]!.body);
    expect(record.cart_actions).toEqual([
      expect.objectContaining({ action: 'add', product_id: 'tent-basecamp-4', quantity: 1 }),
      expect.objectContaining({ action: 'remove', product_id: 'tent-basecamp-4', quantity: 1, via: 'undo' }),
    ]);
    expect(record.cart_actions[0].via).toBeUndefined();
  });

  it('sends no record while the conversation waits for its client, and one when the gateway ends it after the resume window', async () => {
    const g = await start('/hook', { limits: { resumeGraceMs: 1200 } });
    const client = await connectClient(`${g.wsUrl}?site=demo`);
    await client.waitFor('gateway.session');
    askInText(client, 'show me tents');
    await client.waitFor('response.done');
    client.ws.terminate();
    await eventually(() => g.logs.some((l) => l.event === 'session.detach'), 'the conversation waiting');
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveries).toHaveLength(0);
    await eventually(() => deliveries.length === 1, 'the record after the resume window', 4000);
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({ close: { code: 1001, by: 'client', reason: 'grace window passed' }, turns: [expect.objectContaining({ text: 'show me tents' }), expect.anything()] });
  });

  it('drops the record, with a log line, for a redirect: it is not followed and the session is untouched', async () => {
    const g = await start('/moved');
    await converse(g);
    await eventually(() => logged('webhook.dropped').length === 1, 'the record dropped');
    expect(logged('webhook.dropped')[0]).toMatchObject({ site: 'demo', attempts: 1, reason: 'redirect', status: 302 });
    expect(deliveries.map((d) => d.path)).toEqual(['/moved']);
    // The gateway goes on serving conversations.
    await converse(g);
    await eventually(() => logged('webhook.dropped').length === 2, 'the second record dropped');
  });

  it('gives up on an endpoint that never answers after its bounded retries, and the shopper never waits for it', async () => {
    const g = await start('/slow', { retryDelaysMs: [100], timeoutMs: 300 });
    const started = Date.now();
    await converse(g);
    const conversed = Date.now() - started;
    await eventually(() => logged('webhook.dropped').length === 1, 'the record dropped', 5000);
    expect(logged('webhook.dropped')[0]).toMatchObject({ attempts: 2, reason: 'timeout' });
    expect(deliveries).toHaveLength(2);
    expect(conversed).toBeLessThan(5000);
  });

  it('sends nothing unsigned when the secret is not set', async () => {
    const g = await start('/hook', { secret: null });
    await converse(g);
    await eventually(() => logged('webhook.dropped').length === 1, 'the record dropped');
    expect(logged('webhook.dropped')[0]).toMatchObject({ attempts: 0, reason: 'missing_secret', detail: 'WEBHOOK_SECRET_DEMO is not set' });
    expect(deliveries).toHaveLength(0);
  });

  it('refuses a private address the operator did not allow, before connecting', async () => {
    const demo = bundledDemo();
    gw = await startTestGateway({
      ...demo,
      sites: demo.sites.map((s) => ({ ...s, webhook: { url: 'https://10.1.2.3/hook', signingSecretEnv: 'WEBHOOK_SECRET_DEMO', transcripts: true } })),
      httpTools: { secret: () => SECRET },
    });
    await converse(gw);
    await eventually(() => logged('webhook.dropped').length === 1, 'the record dropped');
    expect(logged('webhook.dropped')[0]).toMatchObject({ attempts: 0, reason: 'refused_host' });
  });
});
