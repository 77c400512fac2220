/**
 * 1,000 shoppers start a conversation and vanish without a close frame.
 * Each session waits out its grace window, its record its re-seed window;
 * then nothing of them is left: no live session, no record, no model
 * session, and the heap back where it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient, userText } from './helpers/socket-client.js';
import { eventually } from './helpers/eventually.js';
import { inspectableLocalUpstream, type InspectableLocalUpstream } from '../src/upstream/local/inspector.js';
import { memorySessionStore, type MemorySessionStore } from '../src/session/state-store.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
};

let gw: TestGateway;
let local: InspectableLocalUpstream;
let store: MemorySessionStore;
beforeAll(async () => {
  local = inspectableLocalUpstream();
  store = memorySessionStore();
  gw = await startTestGateway({ upstream: local.upstream, sessionStore: store, limits: { resumeGraceMs: 300, reseedWindowMs: 800 } });
});
afterAll(() => gw.close());

async function abandon(count: number) {
  for (let done = 0; done < count; done += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - done) }, async () => {
        const client = await connectClient(`${gw.wsUrl}?site=demo`);
        await client.waitFor('session.updated');
        client.send(userText('Do you sell tents?'));
        await client.waitFor('conversation.item.added');
        client.ws.terminate();
      }),
    );
  }
}

const health = () => fetch(`${gw.url}/healthz`).then((r) => r.json());

describe('abandoned sessions', () => {
  it('all expire, and memory returns to its baseline', async () => {
    await abandon(50); // warm-up: code paths compiled, pools allocated
    await eventually(async () => (await health()).conversations === 0 && store.size() === 0, 'the warm-up to expire', 5000);
    const baseline = heapAfterGc();

    await abandon(1000);
    const peak = await health();
    expect(peak.conversations).toBeGreaterThan(0);
    expect(store.size()).toBeGreaterThan(0);
    const atPeak = heapAfterGc();
    await eventually(async () => (await health()).conversations === 0, 'every session to pass its grace window', 10_000);
    await eventually(() => store.size() === 0, 'every record to pass its re-seed window', 5000);
    expect(local.openEngines()).toBe(0);
    expect(await health()).toMatchObject({ sessions: 0, conversations: 0 });
    const after = heapAfterGc();
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
    console.log(`abandoned sessions: heap ${mib(baseline)} before, ${mib(atPeak)} while waiting, ${mib(after)} after all expired`);
    // Spent token ids and per-address start times stay for their minute; they are small and bounded.
    expect(after - baseline).toBeLessThan(4 * 2 ** 20);
  }, 90_000);
});
