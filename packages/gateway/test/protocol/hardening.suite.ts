/**
 * Security round 2: each attack that once got through, as a test on every
 * target. Slots that leaked on failed handshakes, bodies read whole, waiting
 * conversations outside the limits, headers, token lifetimes and prototype
 * keys, minting and model-work rates.
 */
import { describe, expect, it } from 'vitest';
import { signClaims } from '../../src/security/signed-claims.js';
import type { GatewayLimits } from '../../src/config.js';
import { connectClient, testToken, userText } from '../helpers/socket-client.js';
import { attemptUpgrade } from '../helpers/upgrade-attempt.js';
import { abandonUpgrade, upgradeWithoutKey } from '../helpers/raw-upgrade.js';
import { eventually } from '../helpers/eventually.js';
import { TEST_SITE_SECRET } from '../helpers/test-secrets.js';
import type { GatewayTarget } from './target.js';
import { targetFor, type StartTarget } from './security.suite.js';

const SHOP = 'http://127.0.0.1:5555';


const health = (t: GatewayTarget) => fetch(`${t.url}/healthz`).then((r) => r.json() as Promise<{ sessions: number; conversations: number }>);
const socketUrl = async (t: GatewayTarget) => `${t.wsUrl}?site=demo&token=${encodeURIComponent(await testToken())}`;
const pathWithToken = async () => `/v1/realtime?site=demo&token=${encodeURIComponent(await testToken())}`;

export function hardeningSuite(start: StartTarget, startTimeoutMs = 20_000) {
  describe('failed and abandoned handshakes', () => {
    const target = targetFor(start, { maxSessionsPerIp: 2, resumeGraceMs: 1000 }, startTimeoutMs);

    it('refuses an upgrade without Sec-WebSocket-Key with 400 handshake_invalid, and it takes no slot', async () => {
      // Under wrangler dev a local proxy does the client's handshake and opens its own to the Worker, which then sees
      // a socket that opens and drops: that conversation waits out its grace window (1 s here) with its slot, then goes.
      const node = target().name === 'node';
      for (let i = 0; i < (node ? 5 : 2); i++) {
        expect(await upgradeWithoutKey(target().port, await pathWithToken())).toEqual({ status: 400, code: node ? 'handshake_invalid' : null });
      }
      if (node) expect((await health(target())).sessions).toBe(0);
      await eventually(async () => (await health(target())).sessions === 0, 'no slot to be held', 5000);
      expect(await attemptUpgrade(await socketUrl(target()))).toEqual({ opened: true });
    });

    it('gives back the slot of an upgrade abandoned before its answer', async () => {
      for (let i = 0; i < 5; i++) await abandonUpgrade(target().port, await pathWithToken());
      // Under wrangler dev the proxy may open its side of an abandoned upgrade late, so the count can dip to 0 first: try until one opens.
      await eventually(async () => (await attemptUpgrade(await socketUrl(target()))).opened, 'a new session to open from the address', 8000);
      await eventually(async () => (await health(target())).sessions === 0, 'every slot to be back', 8000);
    });
  });

  describe('waiting conversations', () => {
    const target = targetFor(start, { maxSessionsPerIp: 2, resumeGraceMs: 20_000, maxMessageBytes: 4096 }, startTimeoutMs);

    it('count against the per-address limit while they wait for their client', async () => {
      const dropped = await connectClient(`${target().wsUrl}?site=demo`);
      await dropped.waitFor('session.updated');
      dropped.ws.terminate();
      const open = await connectClient(`${target().wsUrl}?site=demo`);
      await open.waitFor('session.updated');
      await new Promise((r) => setTimeout(r, 300));
      expect((await health(target())).sessions).toBe(2);
      expect(await attemptUpgrade(await socketUrl(target()))).toEqual({ opened: false, status: 429, code: 'too_many_sessions' });
      open.close();
      await open.closed;
    });

    it('do not wait for a client that broke the protocol (1009): the conversation ends and its slot goes back at once', async () => {
      const before = await health(target());
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      await client.waitFor('session.updated');
      client.sendRaw('x'.repeat(8192));
      expect((await client.closed).code).toBe(1009);
      // On Node the conversations are counted here; on Workers each lives in its own object and only the slot shows.
      await eventually(
        async () => {
          const now = await health(target());
          return now.sessions === before.sessions && now.conversations === before.conversations;
        },
        'the violating conversation to end and give its slot back',
        3000,
      );
    });
  });

  describe('POST /v1/sessions', () => {
    const target = targetFor(start, {}, startTimeoutMs);

    it('marks every answer no-store and nosniff, refusals and backend tokens included', async () => {
      const answers = [
        await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP }, body: '{"site":"demo"}' }),
        await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${TEST_SITE_SECRET}` }, body: '{"site":"demo"}' }),
        await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP }, body: '{"site":' }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 400]);
      for (const r of answers) {
        expect(r.headers.get('cache-control')).toBe('no-store');
        expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      }
    });

    it('refuses a declared length over 1 KiB before reading any of it', async () => {
      const res = await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP, 'content-length': '5000' }, body: 'x'.repeat(5000) });
      expect(res.status).toBe(413);
      const text = await res.text();
      // wrangler dev's local proxy sometimes cuts the body of an answer given before the upload was read (seen once in six
      // clean-clone runs, the status intact); Node must always send it whole.
      if (target().name === 'node' || text !== '') expect(JSON.parse(text)).toMatchObject({ error: 'body_too_large' });
    });

    it('refuses a large body while it streams, with 413 body_too_large', async () => {
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          // 32 MiB at most; a gateway that reads it all before checking would hold it all.
          if (sent >= 32 * 2 ** 20) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const started = Date.now();
      const post = fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP }, body, duplex: 'half' } as RequestInit);
      if (target().name === 'node') {
        const res = await post;
        expect(res.status).toBe(413);
        expect(await res.json()).toMatchObject({ error: 'body_too_large' });
        expect(res.headers.get('cache-control')).toBe('no-store');
      } else {
        // wrangler dev's local proxy does not always pass on an answer given before the upload ends: 413, or its own 503, or a reset.
        // (These two are last in this block: after an answer given early, the proxy may answer the next request with 503 too.)
        const outcome = await post.then((r) => r.status, () => 'reset');
        expect([413, 503, 'reset']).toContain(outcome);
      }
      expect(Date.now() - started).toBeLessThan(5000);
      expect(sent).toBeLessThan(32 * 2 ** 20);
    });
  });

  describe('token minting per address', () => {
    const target = targetFor(start, { tokensPerIpPerMinute: 8 }, startTimeoutMs);

    it('mints at most tokensPerIpPerMinute tokens for one address, then 429 rate_limited', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP }, body: '{"site":"demo"}' })).status);
      expect(statuses).toEqual([...Array(8).fill(200), 429, 429]);
      const refused = await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { origin: SHOP }, body: '{"site":"demo"}' });
      expect(refused.status).toBe(429);
      expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
      // A retailer's backend mints for every shopper from one address, with the site secret: not metered per address.
      for (let i = 0; i < 10; i++) {
        const minted = await fetch(`${target().url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${TEST_SITE_SECRET}` }, body: '{"site":"demo"}' });
        expect(minted.status).toBe(200);
      }
    });
  });

  describe('headers on what the gateway serves', () => {
    const target = targetFor(start, {}, startTimeoutMs);

    it('sends nosniff and forbids framing', async () => {
      for (const path of ['/healthz', '/widget.js', '/v1/catalog/search?site=demo&q=tent', '/no-such-page']) {
        const res = await fetch(`${target().url}${path}`);
        await res.arrayBuffer();
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      }
    });
  });

  describe('session token claims', () => {
    const target = targetFor(start, {}, startTimeoutMs);

    it('refuses a token that would live longer than 60 s, with 403 token_lifetime_too_long', async () => {
      const yearAhead = Math.floor(Date.now() / 1000) + 365 * 24 * 3600;
      const token = await signClaims('v1', { site: 'demo', origin: null, exp: yearAhead, jti: crypto.randomUUID(), iss: 'site' }, TEST_SITE_SECRET);
      expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${token}`)).toEqual({ opened: false, status: 403, code: 'token_lifetime_too_long' });
    });

    it('finds no key for a token naming a prototype property as its site', async () => {
      const exp = Math.floor(Date.now() / 1000) + 30;
      // The keys a plain-object lookup would have found: Object.prototype and the Object function, as strings.
      for (const [site, key] of [['__proto__', '[object Object]'], ['constructor', String(Object)], ['toString', String(Object.prototype.toString)]]) {
        const token = await signClaims('v1', { site, origin: null, exp, jti: crypto.randomUUID(), iss: 'site' }, key!);
        expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${token}`), site).toEqual({ opened: false, status: 403, code: 'token_invalid' });
      }
    });
  });

  describe('model work per session', () => {
    const target = targetFor(start, { responsesPerMinute: 3, textCharsPerMinute: 300, maxOutputTokens: 777 }, startTimeoutMs);

    it('sets max_output_tokens from the limits', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await client.waitFor('gateway.session');
      await client.waitFor('session.updated');
      expect((await target().inspect(hello.session_id))?.maxOutputTokens).toBe(777);
      client.close();
    });

    it('refuses responses past the minute allowance with response_rate_limited, create/cancel pairs included', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await client.waitFor('gateway.session');
      await client.waitFor('session.updated');
      for (let i = 0; i < 6; i++) {
        client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
        client.send({ type: 'response.cancel' });
      }
      const refused = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'response_rate_limited');
      expect(refused.message).toMatch(/3 answers a minute/);
      await new Promise((r) => setTimeout(r, 300));
      expect(client.events().filter((e) => e.type === 'gateway.error' && e.code === 'response_rate_limited').length).toBe(3);
      expect((await target().inspect(hello.session_id))?.items.length).toBeLessThanOrEqual(3);
      client.close();
    });

    it('refuses text and page context past the minute allowance of characters with text_rate_limited', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await client.waitFor('gateway.session');
      await client.waitFor('session.updated');
      client.send(userText('a'.repeat(200)));
      client.send({ type: 'gateway.context', context: { page: { title: 'b'.repeat(200) } } });
      const refused = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'text_rate_limited');
      expect(refused.message).toMatch(/300 characters/);
      const state = await eventually(() => target().inspect(hello.session_id), 'the engine state');
      expect(JSON.stringify(state.items)).not.toContain('b'.repeat(200));
      client.close();
    });

    it('refuses an event_id too long to be an id, without echoing it, and a context nested 30,000 deep', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      await client.waitFor('session.updated');
      // The suites' messages are at most 64 KiB: 20,000 characters of id, 30,000 levels of nesting.
      client.send({ type: 'input_audio_buffer.clear', event_id: 'e'.repeat(20_000) });
      const longId = await client.waitFor((e) => e.type === 'gateway.error' && e.param === 'event_id');
      expect(longId.code).toBe('invalid_event');
      expect(JSON.stringify(longId).length).toBeLessThan(1000);
      const deep = '{"type":"gateway.context","context":{"a":' + '['.repeat(30_000) + ']'.repeat(30_000) + '}}';
      client.sendRaw(deep);
      const tooDeep = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'context_too_large');
      expect(tooDeep.message).toMatch(/nest/);
      client.close();
    });
  });

  describe('re-seeds per conversation', () => {
    const target = targetFor(start, { resumeGraceMs: 300, maxReseedsPerConversation: 1 }, startTimeoutMs);
    const resume = (token: string) => `${target().wsUrl}?site=demo&resume=${encodeURIComponent(token)}&last_seq=0&audio_after=0`;

    it('are bounded: past maxReseedsPerConversation a resume starts a new conversation, told resume_limit', async () => {
      const first = await connectClient(`${target().wsUrl}?site=demo`);
      const hello = await first.waitFor('gateway.session');
      await first.waitFor('session.updated');
      first.send(userText('Do you sell tents?'));
      await first.waitFor('conversation.item.added');
      first.ws.terminate();
      await new Promise((r) => setTimeout(r, 900)); // past the grace window: the next resume re-seeds
      const second = await connectClient(resume(hello.resume_token));
      const again = await second.waitFor('gateway.session');
      expect(again).toMatchObject({ session_id: hello.session_id, resumed: 'reseeded' });
      await second.waitFor('session.updated');
      second.ws.terminate();
      await new Promise((r) => setTimeout(r, 900));
      const third = await connectClient(resume(again.resume_token));
      const fresh = await third.waitFor('gateway.session');
      expect(fresh.resumed).toBe('new');
      expect(fresh.session_id).not.toBe(hello.session_id);
      expect(await third.waitFor('gateway.error')).toMatchObject({ code: 'resume_limit' });
      third.close();
    });
  });

  describe('idle with a silent microphone', () => {
    const target = targetFor(start, { idleTimeoutMs: 1500 }, startTimeoutMs);

    it('one loud sample a second does not keep a silent stream from going idle (4408)', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo&audio=binary`);
      await client.waitFor('session.updated');
      const frame = Buffer.alloc(960); // 20 ms of PCM16 at 24 kHz, silent
      frame.writeInt16LE(30_000, 0); // but for one loud sample
      const timer = setInterval(() => client.ws.readyState === 1 && client.sendRaw(frame), 100);
      const closed = await Promise.race([client.closed, new Promise<null>((r) => setTimeout(() => r(null), 6000))]);
      clearInterval(timer);
      expect(closed?.code).toBe(4408);
    });
  });
}
