/**
 * What only the Node adapter can do, because only it sees the socket: drop a
 * client that stops reading, and drop a peer that stops answering pings.
 * (On Workers the runtime manages both; see README "Security".)
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText, withToken } from './helpers/socket-client.js';
import { startFakeService, type FakeService } from './helpers/fake-service.js';
import { openaiUpstream } from '../src/upstream/openai.js';
import { eventually } from './helpers/eventually.js';

let gw: TestGateway | null = null;
let service: FakeService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

describe('a client that stops reading', () => {
  it('is dropped once its backlog passes the bound, and its upstream is closed', async () => {
    service = await startFakeService();
    gw = await startTestGateway({
      upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }),
      limits: { maxBufferedBytes: 256 * 1024 },
    });
    const client = await connectClient(`${gw.wsUrl}?site=demo&audio=binary`);
    const conn = await service.nextConnection();
    await conn.waitFor('session.update');
    await client.waitFor('session.created');
    // The shopper's tab freezes: its socket is no longer read.
    (client.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const second = Buffer.alloc(48_000).toString('base64');
    conn.send({ type: 'response.content_part.added', event_id: 'p', response_id: 'r', item_id: 'item_a', output_index: 0, content_index: 0, part: { type: 'audio' } });
    const upstreamClosed = new Promise<void>((resolve) => conn.socket.once('close', () => resolve()));
    // Up to 200 seconds of audio, far more than loopback's socket buffers hold; the gateway must stop well before.
    for (let i = 0; i < 200 && conn.socket.readyState === 1; i++) {
      conn.send({ type: 'response.output_audio.delta', event_id: `d${i}`, response_id: 'r', item_id: 'item_a', output_index: 0, content_index: 0, delta: second });
      await new Promise((r) => setTimeout(r, 5));
    }
    await upstreamClosed;
    const limit = await eventually(() => gw!.logs.find((l) => l.event === 'session.limit'), 'the session.limit log line');
    expect(limit.fields.code).toBe('client_too_slow');
    await eventually(() => gw!.wss.clients.size === 0, 'the client socket to be dropped');
  });
});

describe('heartbeat', () => {
  it('drops a peer that stops answering pings and keeps one that answers', async () => {
    gw = await startTestGateway({ heartbeatMs: 150 });
    const alive = await connectClient(`${gw.wsUrl}?site=demo`);
    const dead = new WebSocket(await withToken(`${gw.wsUrl}?site=demo`, undefined), { autoPong: false });
    const deadClosed = new Promise<number>((resolve) => dead.once('close', (code) => resolve(code)));
    await new Promise((resolve) => dead.once('open', resolve));
    const started = Date.now();
    // Dropped without a close frame: the peer is presumed gone, so there is no one to send one to.
    expect(await deadClosed).toBe(1006);
    expect(Date.now() - started).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 500));
    expect(alive.ws.readyState).toBe(WebSocket.OPEN);
    alive.send(userText('still here?'));
    alive.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await alive.waitFor('response.output_text.done');
    alive.close();
  });
});
