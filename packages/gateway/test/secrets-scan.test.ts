/**
 * A whole conversation through the OpenAI upstream with a known fake key,
 * where the service misbehaves as badly as it can: it quotes the key in an
 * error message and in its close reason. The key must appear in nothing the
 * client receives, in no HTTP response, and in no log line; nor may the
 * session token appear in the logs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, testToken, userText } from './helpers/socket-client.js';
import { functionCallRound, startFakeService, type FakeService } from './helpers/fake-service.js';
import { openaiUpstream } from '../src/upstream/openai.js';
import { attemptUpgrade } from './helpers/upgrade-attempt.js';

const KEY = 'sk-proj-SCANKEY-4f9a2c7e1b8d';

let service: FakeService;
let gw: TestGateway;
beforeAll(async () => {
  service = await startFakeService();
  gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: KEY, baseURL: service.baseURL, ca: service.ca }) });
});
afterAll(async () => {
  await gw.close();
  await service.close();
});

async function httpTranscript(): Promise<string> {
  const shop = { origin: 'http://127.0.0.1:5555' };
  const requests: [string, RequestInit][] = [
    ['/healthz', {}],
    ['/v1/catalog/products?q=tent', {}],
    ['/v1/sessions', { method: 'POST', headers: shop, body: '{"site":"demo"}' }],
    ['/v1/sessions', { method: 'POST', body: '{"site":"demo"}' }],
    ['/v1/realtime?site=demo', {}],
    ['/no/such/path', {}],
  ];
  let out = '';
  for (const [path, init] of requests) {
    const res = await fetch(`${gw.url}${path}`, init);
    out += `${res.status} ${JSON.stringify([...res.headers])} ${await res.text()}\n`;
  }
  // And a refused upgrade, as a server client without a token sees it.
  const refused = await attemptUpgrade(`${gw.wsUrl}?site=demo`);
  return `${out}${JSON.stringify(refused)}\n`;
}

describe('the model key', () => {
  it('appears nowhere the client, an HTTP caller or the logs can see', async () => {
    const token = await testToken();
    const client = await connectClient(`${gw.wsUrl}?site=demo&audio=binary&token=${token}`);
    const conn = await service.nextConnection();
    expect(conn.request.headers.authorization).toBe(`Bearer ${KEY}`); // it really was in play
    await conn.waitFor('session.update');
    client.send(userText('a stove please'));
    await conn.waitFor('conversation.item.create');
    functionCallRound(conn, 'search_products', '{"query":"stove"}');
    await client.waitFor('gateway.products');
    await conn.waitFor('response.create');
    const audio = Buffer.alloc(4800, 7).toString('base64');
    conn.send({ type: 'response.content_part.added', event_id: 'p', response_id: 'r2', item_id: 'item_b', output_index: 0, content_index: 0, part: { type: 'audio' } });
    conn.send({ type: 'response.output_audio.delta', event_id: 'd', response_id: 'r2', item_id: 'item_b', output_index: 0, content_index: 0, delta: audio });
    conn.send({ type: 'response.output_audio_transcript.done', event_id: 't', response_id: 'r2', item_id: 'item_b', output_index: 0, content_index: 0, transcript: 'The Alpine stove is light.' });
    conn.send({ type: 'error', event_id: 'e', error: { type: 'invalid_request_error', code: 'invalid_api_key', message: `Incorrect API key provided: ${KEY}.`, param: KEY, event_id: null } });
    await client.waitFor('gateway.error');
    const redialled = service.nextConnection();
    conn.socket.close(4000, `bad key ${KEY}`);
    // The gateway dials again (with the key, as it must) and the conversation goes on.
    expect((await redialled).request.headers.authorization).toBe(`Bearer ${KEY}`);
    await client.waitFor('gateway.notice');
    client.close();
    await client.closed;

    const received = client.received.map((r) => (r.kind === 'json' ? JSON.stringify(r.event) : r.data.toString('latin1'))).join('\n');
    expect(received).toContain('Alpine'); // the scan saw the conversation
    expect(received).not.toContain(KEY);
    expect(received).not.toContain('SCANKEY');
    const http = await httpTranscript();
    expect(http).toContain('"token"');
    expect(http).not.toContain(KEY);
    const logs = JSON.stringify(gw.logs);
    expect(logs).toContain('upstream.error');
    expect(logs).not.toContain('SCANKEY');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]!);
    // No transcript text in the logs by default.
    expect(logs).not.toContain('a stove please');
    expect(logs).not.toContain('Alpine stove');
  });
});
