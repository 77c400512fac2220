/**
 * A plain ws client that records everything it receives, with waits for
 * the event a test expects next.
 */
import WebSocket from 'ws';
import { mintSessionToken } from '../../src/security/session-token.js';
import { TEST_SITE_SECRET } from './test-secrets.js';

export type Received = { kind: 'json'; event: Record<string, any> & { type: string } } | { kind: 'binary'; data: Buffer };

export interface TestClient {
  ws: WebSocket;
  received: Received[];
  events(): (Record<string, any> & { type: string })[];
  binary(): Buffer[];
  send(event: object): void;
  sendRaw(data: string | Buffer): void;
  waitFor(type: string | ((e: Record<string, any>) => boolean), timeoutMs?: number): Promise<Record<string, any> & { type: string }>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export interface ConnectOptions extends WebSocket.ClientOptions {
  protocols?: string[];
  /**
   * The session token. By default a fresh one is minted with the test site
   * secret, as a retailer's backend would, bound to `origin` if one is given;
   * null sends none.
   */
  token?: string | null;
}

/** A token as the test gateways' demo-site backend would mint it. */
export async function testToken(site = 'demo', origin: string | null = null): Promise<string> {
  return (await mintSessionToken(TEST_SITE_SECRET, { site, origin, iss: 'site' })).token;
}

/** The URL with a token added, unless it has one or the caller sends none. */
export async function withToken(url: string, token: string | null | undefined, origin?: string): Promise<string> {
  const u = new URL(url);
  if (token === null || u.searchParams.has('token')) return url;
  u.searchParams.set('token', token ?? (await testToken(u.searchParams.get('site') ?? 'demo', origin ?? null)));
  return u.href;
}

export async function connectClient(url: string, options: ConnectOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(await withToken(url, options.token, options.origin), options.protocols, options);
  const received: Received[] = [];
  const waiters: { test: (e: Record<string, any>) => boolean; resolve: (e: Record<string, any> & { type: string }) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      received.push({ kind: 'binary', data: data as Buffer });
      return;
    }
    const event = JSON.parse(data.toString());
    received.push({ kind: 'json', event });
    for (const w of [...waiters]) {
      if (w.test(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const events = () => received.flatMap((r) => (r.kind === 'json' ? [r.event] : []));
  return {
    ws,
    received,
    events,
    binary: () => received.flatMap((r) => (r.kind === 'binary' ? [r.data] : [])),
    send: (event) => ws.send(JSON.stringify(event)),
    sendRaw: (data) => ws.send(data),
    waitFor(type, timeoutMs = 5000) {
      const test = typeof type === 'string' ? (e: Record<string, any>) => e.type === type : type;
      const seen = events().find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`timed out waiting for ${typeof type === 'string' ? type : 'a matching event'}; got ${[...new Set(events().map((e) => e.type))].join(', ')}`));
        }, timeoutMs);
        waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    closed,
    // A deliberate goodbye (1000) ends the conversation; a test that drops a client terminates its socket instead.
    close: () => ws.close(1000),
  };
}

export function userText(text: string) {
  return { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } };
}

/** A typed question and a request for a typed answer, as the widget sends them with voice off. */
export function askInText(client: TestClient, text: string): void {
  client.send(userText(text));
  client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
}
