/**
 * Conversation webhooks on the Worker under wrangler dev: the session's
 * Durable Object sends the signed record after the shopper says goodbye,
 * and retries it after a 500, through the same signing and address checks
 * as on Node (the receiver's loopback address allowed by TOOL_ALLOW_HOSTS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { ACME_ORIGIN, acmeProducts, writeAcmeSiteDir } from './helpers/acme-site.js';
import { uploadSitesLocally } from './helpers/upload-command.js';
import { askInText, connectClient } from '../../packages/gateway/test/helpers/socket-client.js';
import { eventually } from '../../packages/gateway/test/helpers/eventually.js';

const SECRET = 'worker-webhook-secret-for-tests';
const received: { headers: IncomingMessage['headers']; body: string }[] = [];
let receiver: Server;
let siteDir: string;
let stateDir: string;
let dev: WranglerDev | null = null;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(received.length === 1 ? 500 : 200).end();
    });
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  const port = (receiver.address() as AddressInfo).port;
  siteDir = writeAcmeSiteDir(acmeProducts(20), { webhook: { url: `http://127.0.0.1:${port}/hook` } });
  stateDir = mkdtempSync(join(tmpdir(), 'contoso-webhook-state-'));
  const upload = uploadSitesLocally(siteDir, stateDir);
  if (upload.status !== 0) throw new Error(upload.output);
  dev = await startWranglerDev({ UPSTREAM: 'local', WEBHOOK_SECRET_ACME: SECRET, TOOL_ALLOW_HOSTS: `127.0.0.1:${port}` }, 90_000, stateDir);
}, 240_000);

afterAll(async () => {
  await dev?.stop();
  receiver?.closeAllConnections();
  await new Promise<void>((done) => (receiver ? receiver.close(() => done()) : done()));
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

const signed = (d: (typeof received)[number]) => {
  const timestamp = String(d.headers['x-contoso-timestamp']);
  return d.headers['x-contoso-signature'] === `v1=${createHmac('sha256', SECRET).update(`${timestamp}.${d.body}`).digest('hex')}`;
};

describe('conversation webhooks on the Worker', () => {
  it('sends one signed record from the session host after the conversation, retried after a 500', async () => {
    const granted = await fetch(`${dev!.url}/v1/sessions`, { method: 'POST', headers: { origin: ACME_ORIGIN }, body: JSON.stringify({ site: 'acme' }) });
    const { token } = (await granted.json()) as { token: string };
    const client = await connectClient(`${dev!.url.replace(/^http/, 'ws')}/v1/realtime?site=acme`, { token, origin: ACME_ORIGIN });
    const hello = await client.waitFor('gateway.session', 15_000);
    askInText(client, 'Welche Fahrräder habt ihr?');
    await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: { type: string }) => i.type === 'message'), 20_000);
    client.close();
    await client.closed;
    await eventually(() => received.length === 2, 'the record, retried', 20_000);
    expect(received.every(signed)).toBe(true);
    const record = JSON.parse(received[1]!.body);
    expect(record).toMatchObject({ type: 'conversation.ended', conversation_id: hello.session_id, site: 'acme', close: { code: 1000, by: 'client' } });
    expect(record.turns[0]).toMatchObject({ role: 'user', text: 'Welche Fahrräder habt ihr?' });
    await new Promise((r) => setTimeout(r, 1000));
    expect(received).toHaveLength(2);
  }, 60_000);
});
