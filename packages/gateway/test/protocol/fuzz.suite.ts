/**
 * 10,000 malformed frames from a seeded generator, across 20 sessions, 4 at a
 * time: every frame gets the gateway.error it should, the gateway keeps
 * serving, and every session's bookkeeping is released when its client goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/socket-client.js';
import { badFrames } from '../helpers/bad-frames.js';
import type { GatewayTarget } from './target.js';
import type { StartTarget } from './security.suite.js';

const SESSIONS = 20;
const FRAMES_PER_SESSION = 500;
const PARALLEL = 4;

export function fuzzSuite(start: StartTarget, startTimeoutMs = 20_000) {
  describe('fuzz', () => {
    let target: GatewayTarget;
    beforeAll(async () => {
      target = await start({ messagesPerSecond: 100_000 });
    }, startTimeoutMs);
    afterAll(() => target?.close(), startTimeoutMs);

    async function fuzzSession(seed: number): Promise<{ sent: number; answered: number; mismatched: string[] }> {
      const next = badFrames(seed);
      const client = await connectClient(`${target.wsUrl}?site=demo`);
      await client.waitFor('session.updated');
      const expected: string[] = [];
      for (let i = 0; i < FRAMES_PER_SESSION; i++) {
        const frame = next();
        expected.push(frame.expect);
        client.sendRaw(frame.data);
      }
      await client.waitFor(() => client.events().filter((e) => e.type === 'gateway.error').length >= expected.length, 15_000);
      const got = client.events().filter((e) => e.type === 'gateway.error').map((e) => e.code as string);
      const mismatched = expected.flatMap((code, i) => (got[i] === code ? [] : [`#${i}: expected ${code}, got ${got[i]}`]));
      client.close();
      await client.closed;
      return { sent: expected.length, answered: got.length, mismatched };
    }

    it(`answers each of ${SESSIONS * FRAMES_PER_SESSION} bad frames with its error, stays up, and releases every session`, async () => {
      const heapBefore = process.memoryUsage().heapUsed;
      const results: Awaited<ReturnType<typeof fuzzSession>>[] = [];
      for (let batch = 0; batch < SESSIONS / PARALLEL; batch++) {
        results.push(...(await Promise.all(Array.from({ length: PARALLEL }, (_, i) => fuzzSession(1000 + batch * PARALLEL + i)))));
      }
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(SESSIONS * FRAMES_PER_SESSION);
      expect(results.flatMap((r) => r.mismatched).slice(0, 5)).toEqual([]);
      expect(results.every((r) => r.answered === r.sent)).toBe(true);
      // Every session's slot is given back once its client is gone.
      let health = await fetch(`${target.url}/healthz`).then((r) => r.json());
      for (let i = 0; i < 40 && health.sessions !== 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        health = await fetch(`${target.url}/healthz`).then((r) => r.json());
      }
      expect(health).toMatchObject({ status: 'ok', sessions: 0 });
      if (target.name === 'node') {
        // The gateway runs in this process: its heap must not have grown with the frames.
        expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
      }
    }, 120_000);
  });
}
