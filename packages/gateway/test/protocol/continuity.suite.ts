/**
 * Conversations outlive their sockets: a dropped client comes back to the
 * same model session and gets what it missed exactly once; after the grace
 * window, or when the model session hits its cap, a new model session is
 * re-seeded from the gateway's own record; a resume token that does not
 * hold gets a new conversation and a code that says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, userText, type TestClient, askInText } from '../helpers/socket-client.js';
import { TEST_TOKEN_SECRET } from '../helpers/test-secrets.js';
import { eventually } from '../helpers/eventually.js';
import { mintResumeToken } from '../../src/security/resume-token.js';
import type { GatewayTarget, TargetEngineOptions } from './target.js';
import type { GatewayLimits } from '../../src/config.js';
import type { StartTarget } from './security.suite.js';

/** Where a client got to: the last numbered event, and the audio frames after it. */
function position(client: TestClient, received = client.received) {
  let lastSeq = 0;
  let audioAfter = 0;
  for (const r of received) {
    if (r.kind === 'binary') audioAfter += 1;
    else if (typeof r.event.seq === 'number') {
      lastSeq = r.event.seq;
      audioAfter = 0;
    }
  }
  return { lastSeq, audioAfter };
}

const resumeUrl = (t: GatewayTarget, token: string, p = { lastSeq: 0, audioAfter: 0 }) =>
  `${t.wsUrl}?site=demo&audio=binary&resume=${encodeURIComponent(token)}&last_seq=${p.lastSeq}&audio_after=${p.audioAfter}`;

function targetFor(start: StartTarget, limits: Partial<GatewayLimits>, engine: TargetEngineOptions, startTimeoutMs: number) {
  let running: GatewayTarget | undefined;
  beforeAll(async () => {
    running = await start(limits, engine);
  }, startTimeoutMs);
  afterAll(() => running?.close(), startTimeoutMs);
  return () => running!;
}

/** Asks a question that gets a spoken answer, and waits for the answer to start. */
async function askAloud(client: TestClient, text: string) {
  client.send(userText(text));
  client.send({ type: 'response.create', response: { output_modalities: ['audio'] } });
  return client.waitFor((e) => e.type === 'response.content_part.added' && e.part?.type === 'audio', 10_000);
}

export function continuitySuite(start: StartTarget, startTimeoutMs = 20_000) {
  describe('resume within the grace window', () => {
    const target = targetFor(start, { resumeGraceMs: 10_000 }, {}, startTimeoutMs);

    it('gives a client dropped mid-answer the rest of it, exactly once and in order', async () => {
      // A reference run: the same question, start to finish on one socket (the engine is deterministic).
      const reference = await connectClient(`${target().wsUrl}?site=demo&audio=binary`);
      await reference.waitFor('session.updated');
      await askAloud(reference, 'Tell me about your tents');
      const refDone = await reference.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: any) => i.type === 'message'), 15_000);
      const refFrames = reference.binary();
      const refTranscript = refDone.response.output.find((i: any) => i.type === 'message').content[0].transcript;
      reference.close();

      const first = await connectClient(`${target().wsUrl}?site=demo&audio=binary`);
      const hello = await first.waitFor('gateway.session');
      expect(hello).toMatchObject({ resumed: 'new', resume_grace_s: 10 });
      await first.waitFor('session.updated');
      await askAloud(first, 'Tell me about your tents');
      await first.waitFor(() => first.binary().length >= 5);
      first.ws.terminate(); // the lift: no close frame
      // What the client had taken in when it lost the socket; a frame the library still hands over afterwards comes too late.
      const taken = first.received.slice();
      const at = position(first, taken);
      const takenEvents = taken.flatMap((r) => (r.kind === 'json' ? [r.event] : []));
      const takenAudio = taken.flatMap((r) => (r.kind === 'binary' ? [r.data] : []));

      const second = await connectClient(resumeUrl(target(), hello.resume_token, at));
      const again = await second.waitFor('gateway.session');
      expect(again).toMatchObject({ session_id: hello.session_id, resumed: 'reattached' });
      expect(again.resume_token).not.toBe(hello.resume_token);
      const done = await second.waitFor((e) => e.type === 'response.done' && e.response.output.some((i: any) => i.type === 'message'), 15_000);

      // Numbered events: each once, in order, the second socket carrying on from the first.
      const seqs = [...takenEvents, ...second.events()].flatMap((e) => (typeof e.seq === 'number' ? [e.seq] : []));
      const firstSeqs = takenEvents.flatMap((e) => (typeof e.seq === 'number' ? [e.seq] : []));
      const secondSeqs = second.events().flatMap((e) => (typeof e.seq === 'number' ? [e.seq] : []));
      expect(secondSeqs[0]).toBe(at.lastSeq + 1);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(firstSeqs.at(-1)).toBe(at.lastSeq);
      // The words are whole: the transcript deltas add up to the reference's.
      const deltas = [...takenEvents, ...second.events()].filter((e) => e.type === 'response.output_audio_transcript.delta' && e.item_id === done.response.output.find((i: any) => i.type === 'message').id);
      expect(deltas.map((e) => e.delta).join('')).toBe(refTranscript);
      // The audio is the reference's, in order, never doubled: what the first socket took in is its start,
      // and what the second got is its end. Audio that was in flight when the socket died is not kept,
      // and the gateway says so (replay_complete) when some is missing.
      const same = (a: Buffer, b: Buffer | undefined) => b !== undefined && a.equals(b);
      expect(takenAudio.every((f, i) => same(f, refFrames[i]))).toBe(true);
      const tail = second.binary();
      const start = refFrames.length - tail.length;
      expect(start).toBeGreaterThanOrEqual(takenAudio.length);
      expect(tail.every((f, i) => same(f, refFrames[start + i]))).toBe(true);
      expect(again.replay_complete).toBe(start === takenAudio.length);
      second.close();
    }, 40_000);

    it('carries the same model session across a reconnect: the engine still has the first question', async () => {
      const first = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await first.waitFor('gateway.session');
      await first.waitFor('session.updated');
      askInText(first, 'Do you sell headlamps?');
      await first.waitFor('response.done');
      first.ws.terminate();
      const second = await connectClient(resumeUrl(target(), hello.resume_token, position(first)).replace('&audio=binary', ''));
      expect((await second.waitFor('gateway.session')).resumed).toBe('reattached');
      askInText(second, 'And a lantern?');
      await second.waitFor('response.output_text.done');
      const state = await target().inspect(hello.session_id);
      const said = state!.items.flatMap((i) => ('text' in i && i.type === 'message' && i.role === 'user' ? [i.text] : []));
      expect(said).toEqual(['Do you sell headlamps?', 'And a lantern?']);
      second.close();
    });

    it('refuses a forged, replayed, expired, other-site or other-origin resume token with a new conversation and its code', async () => {
      const first = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await first.waitFor('gateway.session');
      first.ws.terminate();
      const good = hello.resume_token as string;
      const claims = JSON.parse(Buffer.from(good.split('.')[1]!, 'base64url').toString());
      const cases: [string, string][] = [
        ['forged', `${good.slice(0, -6)}AAAAAA`],
        ['expired', await mintResumeToken(TEST_TOKEN_SECRET, { ...claims, exp: Math.floor(Date.now() / 1000) - 1 })],
        ['other site', await mintResumeToken(TEST_TOKEN_SECRET, { ...claims, site: 'another-shop' })],
        ['other origin', await mintResumeToken(TEST_TOKEN_SECRET, { ...claims, origin: 'https://evil.example' })],
      ];
      const expected: Record<string, string> = { forged: 'resume_invalid', expired: 'resume_expired', 'other site': 'resume_mismatch', 'other origin': 'resume_mismatch' };
      for (const [name, token] of cases) {
        const c = await connectClient(resumeUrl(target(), token));
        const h = await c.waitFor('gateway.session');
        expect(h.resumed, name).toBe('new');
        expect(h.session_id, name).not.toBe(hello.session_id);
        expect((await c.waitFor('gateway.error')).code, name).toBe(expected[name]);
        c.close();
      }
      // The real token works once; its second use is a replay.
      const once = await connectClient(resumeUrl(target(), good));
      expect((await once.waitFor('gateway.session')).resumed).toBe('reattached');
      once.ws.terminate();
      const twice = await connectClient(resumeUrl(target(), good));
      expect((await twice.waitFor('gateway.session')).resumed).toBe('new');
      expect((await twice.waitFor('gateway.error')).code).toBe('resume_replayed');
      twice.close();
    });
  });

  describe('re-seed after the grace window', () => {
    const target = targetFor(start, { resumeGraceMs: 300 }, {}, startTimeoutMs);

    it('opens a new model session that knows the conversation from the gateway record', async () => {
      const first = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await first.waitFor('gateway.session');
      await first.waitFor('session.updated');
      askInText(first, 'I need a tent for four people');
      const answer = await first.waitFor('response.output_text.done');
      await first.waitFor('response.done');
      first.ws.terminate();
      await eventually(async () => (await target().inspect(hello.session_id))?.open === false, 'the old model session to close', 5000);

      const second = await connectClient(resumeUrl(target(), hello.resume_token, position(first)));
      const again = await second.waitFor('gateway.session');
      expect(again).toMatchObject({ session_id: hello.session_id, resumed: 'reseeded' });
      await second.waitFor('session.updated');
      const state = await eventually(async () => {
        const s = await target().inspect(hello.session_id);
        return s?.open && s.items.length >= 2 ? s : undefined;
      }, 'the re-seeded model session');
      const seeded = state.items.map((i) => (i.type === 'message' && 'text' in i ? `${i.role}: ${i.text}` : i.type));
      expect(seeded[0]).toBe('user: I need a tent for four people');
      expect(seeded).toContain(`assistant: ${answer.text}`);
      expect(seeded.some((s) => s.startsWith('user: Products shown to the shopper earlier'))).toBe(true);
      // The seeded items are the gateway's own: the client is not sent them again.
      expect(second.events().filter((e) => e.type === 'conversation.item.added')).toEqual([]);
      askInText(second, 'Is it waterproof?');
      await second.waitFor('response.output_text.done');
      second.close();
    });
  });

  describe("the model session's cap", () => {
    const target = targetFor(start, {}, { maxSessionMs: 1500 }, startTimeoutMs);

    it('rolls over to a new model session with the conversation, and the shopper sees only a notice', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await client.waitFor('gateway.session');
      await client.waitFor('session.updated');
      askInText(client, 'Do you sell sleeping bags?');
      await client.waitFor('response.output_text.done');
      const notice = await client.waitFor('gateway.notice', 5000);
      expect(notice.code).toBe('reseeded');
      expect(client.events().filter((e) => e.type === 'gateway.error')).toEqual([]);
      const state = await eventually(async () => {
        const s = await target().inspect(hello.session_id);
        return s?.open && s.items.some((i) => 'text' in i && i.text === 'Do you sell sleeping bags?') ? s : undefined;
      }, 'the new model session with the old question');
      expect(state.items[0]).toMatchObject({ role: 'user', text: 'Do you sell sleeping bags?' });
      askInText(client, 'What about a pillow?');
      await client.waitFor((e) => e.type === 'response.output_text.done' && client.events().filter((x) => x.type === 'response.output_text.done').length === 2);
      expect(client.ws.readyState).toBe(1);
      client.close();
    });
  });
}
