/**
 * The Worker dials OpenAI and Azure with a fetch upgrade carrying the key
 * header. A plain-ws service in the test plays the model (workerd's fetch
 * cannot be told to trust a test certificate), and the Worker runs in
 * workerd under `wrangler dev`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionCallRound, startFakeService, type FakeService } from '../../packages/gateway/test/helpers/fake-service.js';
import { connectClient, userText } from '../../packages/gateway/test/helpers/socket-client.js';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { expectAudioBothWays } from '../../packages/gateway/test/helpers/audio-relay.js';

const OPENAI_KEY = 'sk-worker-fetch-upgrade-0123456789';
const AZURE_KEY = 'azure-worker-key-9876543210';

let service: FakeService;
let openai: WranglerDev;
let azure: WranglerDev;

beforeAll(async () => {
  service = await startFakeService(undefined, undefined, { tls: false });
  [openai, azure] = await Promise.all([
    // The demo allows loopback origins, which a Worker with a model key serves only when told it is reachable from this machine alone.
    startWranglerDev({ UPSTREAM: 'openai', OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: service.baseURL, OPENAI_REALTIME_MODEL: 'gpt-realtime', ALLOW_LOOPBACK_ORIGINS: 'on' }),
    startWranglerDev({ AZURE_OPENAI_ENDPOINT: service.origin, AZURE_OPENAI_API_KEY: AZURE_KEY, AZURE_OPENAI_DEPLOYMENT: 'my-realtime', ALLOW_LOOPBACK_ORIGINS: 'on' }),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([openai?.stop(), azure?.stop()]);
  await service?.close();
}, 30_000);

const ws = (dev: WranglerDev, query: string) => `${dev.url.replace(/^http/, 'ws')}/v1/realtime?${query}`;

describe('the Worker relaying to OpenAI', () => {
  it('upgrades with a bearer key, sends the forced session first, and relays audio both ways', async () => {
    const waiting = service.nextConnection();
    const client = await connectClient(ws(openai, 'site=demo&audio=binary'), { protocols: ['realtime'] });
    expect(client.ws.protocol).toBe('realtime');
    const conn = await waiting;
    expect(conn.request.url).toBe('/v1/realtime?model=gpt-realtime');
    expect(conn.request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(conn.request.headers['api-key']).toBeUndefined();
    const update = await conn.waitFor('session.update');
    expect(conn.received[0]).toBe(update);
    expect(update.session.instructions).toContain('Contoso Outdoor');
    expect((await client.waitFor('session.created')).session.instructions).toBeUndefined();

    await expectAudioBothWays(client, conn);
    client.close();
  });

  /** A session through the OpenAI Worker whose first typed question has reached the service. */
  async function typedTurn(text: string) {
    const waiting = service.nextConnection();
    const client = await connectClient(ws(openai, 'site=demo'));
    const conn = await waiting;
    await conn.waitFor('session.update');
    client.send(userText(text));
    await conn.waitFor('conversation.item.create');
    return { client, conn };
  }

  it('runs the tool the service calls inside the Worker and asks for one answer; the key never reaches the client', async () => {
    const { client, conn } = await typedTurn('a stove please');
    functionCallRound(conn, 'search_products', '{"query":"stove","category":"camping-stoves"}');
    const cards = await client.waitFor('gateway.products');
    expect(cards.products.length).toBeGreaterThan(0);
    expect(cards.products.every((p: { id: string }) => p.id.startsWith('stove-'))).toBe(true);
    await conn.waitFor('response.create');
    const outputs = conn.received.filter((e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output');
    expect(outputs).toHaveLength(1);
    expect(conn.received.slice(conn.received.indexOf(outputs[0]!)).filter((e) => e.type === 'response.create')).toHaveLength(1);
    const wire = JSON.stringify(client.events());
    expect(wire).not.toContain(OPENAI_KEY);
    expect(wire).not.toContain('call_abc');
    client.close();
  });

  it('redials a service that drops, with the key, and re-seeds the conversation', async () => {
    const { client, conn } = await typedTurn('a tent for two');
    const redialled = service.nextConnection();
    conn.socket.close(1011, 'internal');
    const next = await redialled;
    expect(next.request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    await next.waitFor('session.update');
    const seeded = await next.waitFor('conversation.item.create');
    expect(seeded.item).toMatchObject({ role: 'user', content: [{ type: 'input_text', text: 'a tent for two' }] });
    expect((await client.waitFor('gateway.notice')).code).toBe('reseeded');
    expect(openai.output.join('\n')).not.toContain(OPENAI_KEY);
    client.close();
  });
});

describe('the Worker relaying to Azure', () => {
  it('upgrades to the GA URL with an api-key header and no bearer', async () => {
    const waiting = service.nextConnection();
    const client = await connectClient(ws(azure, 'site=demo'));
    const conn = await waiting;
    expect(conn.request.url).toBe('/openai/v1/realtime?model=my-realtime');
    expect(conn.request.headers['api-key']).toBe(AZURE_KEY);
    expect(conn.request.headers.authorization).toBeUndefined();
    expect((await conn.waitFor('session.update')).session.type).toBe('realtime');
    expect((await fetch(`${azure.url}/healthz`).then((r) => r.json())).upstream).toBe('azure');
    client.close();
  });
});
