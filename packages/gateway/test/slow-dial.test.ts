/**
 * A message typed while the model socket is still dialling is held and sent
 * once the socket is up. It must reach the model once: not in the set-up's
 * re-seed of the conversation and again from the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText } from './helpers/socket-client.js';
import { eventually } from './helpers/eventually.js';
import { inspectableLocalUpstream } from '../src/upstream/local/inspector.js';
import type { Upstream } from '../src/upstream/types.js';

const local = inspectableLocalUpstream();
/** The local engine behind a dial that takes 400 ms, as a far-away service's TLS handshake may. */
const slow: Upstream = {
  ...local.upstream,
  connect: async (handlers, sessionId) => {
    await new Promise((r) => setTimeout(r, 400));
    return local.upstream.connect(handlers, sessionId);
  },
};

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ upstream: slow, inspectSession: local.inspect });
});
afterAll(() => gw.close());

describe('a message typed while the model dials', () => {
  it('reaches the model once', async () => {
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    const hello = await client.waitFor('gateway.session');
    client.send(userText('Do you sell tents?'));
    await client.waitFor('session.updated', 3000);
    const state = await eventually(() => {
      const s = local.inspect(hello.session_id);
      return s && s.items.some((i: { type: string }) => i.type === 'message') ? s : undefined;
    }, 'the message to reach the engine');
    await new Promise((r) => setTimeout(r, 200));
    const texts = local.inspect(hello.session_id)!.items.flatMap((i: { type: string; text?: string }) => (i.type === 'message' && i.text ? [i.text] : []));
    expect(state).toBeDefined();
    expect(texts.filter((t) => t.includes('Do you sell tents?'))).toHaveLength(1);
    client.close();
  });
});
