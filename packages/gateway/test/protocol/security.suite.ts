/**
 * Who may open a session, and the limits on an open one. Each rule has a
 * test that it allows what it should and refuses what it should, with the
 * stable code the refusal carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../src/security/session-token.js';
import type { GatewayLimits } from '../../src/config.js';
import { connectClient, testToken, userText } from '../helpers/socket-client.js';
import { attemptUpgrade } from '../helpers/upgrade-attempt.js';
import { TEST_SITE_SECRET, TEST_TOKEN_SECRET } from '../helpers/test-secrets.js';
import { wavFrames } from '../helpers/wav.js';
import type { GatewayTarget, TargetEngineOptions } from './target.js';

export type StartTarget = (limits?: Partial<GatewayLimits>, engine?: TargetEngineOptions) => Promise<GatewayTarget>;

const SHOP = 'http://127.0.0.1:5555';
const EVIL = 'https://evil.example';

/** A target of its own for one describe block, with the limits that block tests. */
export function targetFor(start: StartTarget, limits: Partial<GatewayLimits>, startTimeoutMs: number) {
  let running: GatewayTarget | undefined;
  beforeAll(async () => {
    running = await start(limits);
  }, startTimeoutMs);
  afterAll(() => running?.close(), startTimeoutMs);
  return () => running!;
}

/** The gateway sees a close a moment after the client does: retry an upgrade for up to a second while it catches up. */
async function upgradeOnceReleased(t: GatewayTarget) {
  let outcome = await attemptUpgrade(`${t.wsUrl}?site=demo&token=${await testToken()}`);
  for (let i = 0; i < 20 && !outcome.opened; i++) {
    await new Promise((r) => setTimeout(r, 50));
    outcome = await attemptUpgrade(`${t.wsUrl}?site=demo&token=${await testToken()}`);
  }
  return outcome;
}

async function postSession(t: GatewayTarget, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/v1/sessions`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = (await res.json()) as Record<string, any>;
  return { status: res.status, json, allowOrigin: res.headers.get('access-control-allow-origin') };
}

export function securitySuite(start: StartTarget, startTimeoutMs = 20_000) {
  describe('session tokens', () => {
    const target = targetFor(start, {}, startTimeoutMs);
    const socketUrl = (token?: string) => `${target().wsUrl}?site=demo${token ? `&token=${encodeURIComponent(token)}` : ''}`;

    it('POST /v1/sessions gives an allowlisted page a token bound to its origin, valid for at most 60 s', async () => {
      const before = Math.floor(Date.now() / 1000);
      const { status, json, allowOrigin } = await postSession(target(), { site: 'demo' }, { origin: SHOP });
      expect(status).toBe(200);
      expect(allowOrigin).toBe(SHOP);
      expect(json.token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
      expect(json.expires_at).toBeGreaterThan(before);
      expect(json.expires_at).toBeLessThanOrEqual(before + 61);
      expect(await attemptUpgrade(socketUrl(json.token), { origin: SHOP })).toEqual({ opened: true });
    });

    it('refuses tokens to a page that is not on the allowlist, and to a caller with neither origin nor secret', async () => {
      // The page may read the refusal (and say so) but gets no token.
      const refused = await postSession(target(), { site: 'demo' }, { origin: EVIL });
      expect(refused).toMatchObject({ status: 403, json: { error: 'origin_not_allowed' }, allowOrigin: EVIL });
      expect(refused.json).not.toHaveProperty('token');
      expect(await postSession(target(), { site: 'demo' })).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
      expect(await postSession(target(), { site: 'nope' }, { origin: SHOP })).toMatchObject({ status: 404, json: { error: 'unknown_site' } });
      expect(await postSession(target(), '{"site":', { origin: SHOP })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
      expect(await postSession(target(), { site: 42 }, { origin: SHOP })).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    });

    it("mints for a retailer's backend with the site secret, and refuses a wrong one", async () => {
      const ok = await postSession(target(), { site: 'demo' }, { authorization: `Bearer ${TEST_SITE_SECRET}` });
      expect(ok.status).toBe(200);
      expect(await attemptUpgrade(socketUrl(), { headers: { authorization: `Bearer ${ok.json.token}` } })).toEqual({ opened: true });
      const wrong = await postSession(target(), { site: 'demo' }, { authorization: 'Bearer not-the-secret-at-all' });
      expect(wrong).toMatchObject({ status: 401, json: { error: 'unauthorized' } });
      expect(JSON.stringify(wrong.json)).not.toContain(TEST_SITE_SECRET);
    });

    it('refuses a wrong origin with 403 before the upgrade, even with a good token', async () => {
      const token = await testToken('demo', EVIL);
      expect(await attemptUpgrade(socketUrl(token), { origin: EVIL })).toEqual({ opened: false, status: 403, code: 'origin_not_allowed' });
    });

    it('refuses a missing token with 401', async () => {
      expect(await attemptUpgrade(socketUrl(), { origin: SHOP })).toEqual({ opened: false, status: 401, code: 'token_missing' });
      expect(await attemptUpgrade(socketUrl())).toEqual({ opened: false, status: 401, code: 'token_missing' });
    });

    it('refuses forged tokens with 403', async () => {
      const good = await testToken();
      const [v, claims, sig] = good.split('.');
      const otherClaims = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(claims!, 'base64url').toString()), site: 'demo', exp: 4102444800 })).toString('base64url');
      const forgeries = [
        `${v}.${otherClaims}.${sig}`, // claims changed, old signature
        `${v}.${claims}.${sig!.slice(0, -4)}AAAA`, // signature changed
        (await mintSessionToken('a-key-the-gateway-does-not-know', { site: 'demo', iss: 'site' })).token,
        'v1.not-base64!.x',
        'garbage',
      ];
      for (const token of forgeries) expect(await attemptUpgrade(socketUrl(token))).toEqual({ opened: false, status: 403, code: 'token_invalid' });
    });

    it('refuses an expired token with 410', async () => {
      const { token } = await mintSessionToken(TEST_SITE_SECRET, { site: 'demo', iss: 'site', now: Date.now() - 61_000 });
      expect(await attemptUpgrade(socketUrl(token))).toEqual({ opened: false, status: 410, code: 'token_expired' });
    });

    it('refuses a replayed token with 409', async () => {
      const token = await testToken();
      expect(await attemptUpgrade(socketUrl(token))).toEqual({ opened: true });
      expect(await attemptUpgrade(socketUrl(token))).toEqual({ opened: false, status: 409, code: 'token_replayed' });
    });

    it('refuses a token used from another origin, or for another site, with 403', async () => {
      const forShop = (await postSession(target(), { site: 'demo' }, { origin: SHOP })).json.token;
      expect(await attemptUpgrade(socketUrl(forShop), { origin: 'http://localhost:6000' })).toEqual({ opened: false, status: 403, code: 'token_mismatch' });
      expect(await attemptUpgrade(socketUrl(forShop))).toEqual({ opened: false, status: 403, code: 'token_mismatch' });
      const gatewayToken = (await mintSessionToken(TEST_TOKEN_SECRET, { site: 'other-shop', origin: SHOP, iss: 'gateway' })).token;
      expect(await attemptUpgrade(socketUrl(gatewayToken), { origin: SHOP })).toEqual({ opened: false, status: 403, code: 'token_mismatch' });
    });
  });

  describe('session counts per address', () => {
    const target = targetFor(start, { maxSessionsPerIp: 2, newSessionsPerIpPerMinute: 4 }, startTimeoutMs);

    it('allows two open sessions from one address, refuses a third, and four starts a minute', async () => {
      const a = await connectClient(`${target().wsUrl}?site=demo`);
      const b = await connectClient(`${target().wsUrl}?site=demo`);
      expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${await testToken()}`)).toEqual({ opened: false, status: 429, code: 'too_many_sessions' });
      a.close();
      await a.closed;
      expect(await upgradeOnceReleased(target())).toEqual({ opened: true });
      b.close();
      await b.closed;
      await new Promise((r) => setTimeout(r, 200));
      // a, b and the third are three starts; the fourth is allowed and the fifth is over the minute's four.
      expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${await testToken()}`)).toEqual({ opened: true });
      await new Promise((r) => setTimeout(r, 200));
      expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${await testToken()}`)).toEqual({ opened: false, status: 429, code: 'rate_limited' });
    });
  });

  describe('open sessions per site', () => {
    const target = targetFor(start, { maxSessionsPerSite: 2, maxSessionsPerIp: 10 }, startTimeoutMs);

    it('refuses a third session for a shop that has two open, from any address, and admits one when a session ends', async () => {
      const a = await connectClient(`${target().wsUrl}?site=demo`);
      const b = await connectClient(`${target().wsUrl}?site=demo`);
      // The address may open ten, so it is the shop's limit that refuses.
      expect(await attemptUpgrade(`${target().wsUrl}?site=demo&token=${await testToken()}`)).toEqual({ opened: false, status: 429, code: 'too_many_sessions' });
      b.close();
      await b.closed;
      expect(await upgradeOnceReleased(target())).toEqual({ opened: true });
      a.close();
    });
  });

  describe('message rate', () => {
    const target = targetFor(start, { messagesPerSecond: 20 }, startTimeoutMs);

    it('lets a client send at its rate, and closes a flood with 4429', async () => {
      const steady = await connectClient(`${target().wsUrl}?site=demo`);
      await steady.waitFor('session.updated');
      for (let i = 0; i < 30; i++) {
        steady.send({ type: 'input_audio_buffer.clear' });
        await new Promise((r) => setTimeout(r, 60));
      }
      await steady.waitFor((e) => e.type === 'input_audio_buffer.cleared');
      expect(steady.ws.readyState).toBe(1);
      steady.close();

      const flood = await connectClient(`${target().wsUrl}?site=demo`);
      await flood.waitFor('session.updated');
      for (let i = 0; i < 200; i++) flood.send({ type: 'input_audio_buffer.clear' });
      expect((await flood.waitFor((e) => e.type === 'gateway.error' && e.code === 'rate_limited')).message).toMatch(/20 messages a second/);
      expect((await flood.closed).code).toBe(4429);
    });
  });

  describe('audio seconds per minute', () => {
    const target = targetFor(start, { audioSecondsPerMinute: 2, messagesPerSecond: 5000 }, startTimeoutMs);

    it('forwards two seconds of audio and refuses the rest of the minute', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const { session_id: id } = await client.waitFor('gateway.session');
      await client.waitFor('session.updated');
      const frames = wavFrames('tent-for-four.wav').slice(0, 150); // 3 s
      for (const frame of frames) client.sendRaw(frame);
      const refused = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'audio_rate_limited');
      expect(refused.message).toMatch(/2 seconds of audio a minute/);
      client.send({ type: 'input_audio_buffer.clear' });
      await client.waitFor('input_audio_buffer.cleared');
      const state = await target().inspect(id);
      expect(state!.audioBytes).toBe(2 * 48_000);
      expect(client.ws.readyState).toBe(1);
      client.close();
    });
  });

  describe('session length', () => {
    const target = targetFor(start, { maxSessionMs: 1500, sessionWarningMs: 1000 }, startTimeoutMs);

    it('warns the client before the end, then ends the session with 4410', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const opened = Date.now();
      await client.waitFor('session.updated');
      const notice = await client.waitFor('gateway.notice');
      expect(notice).toMatchObject({ code: 'session_ending', seconds_left: 1 });
      expect(Date.now() - opened).toBeGreaterThanOrEqual(400);
      // Keep talking so the idle timeout is not what ends it.
      client.send(userText('hello'));
      const ended = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'session_time_limit');
      expect(ended.message).toMatch(/at most/);
      expect((await client.closed).code).toBe(4410);
      expect(Date.now() - opened).toBeGreaterThanOrEqual(1400);
    });
  });

  describe('idle timeout', () => {
    const target = targetFor(start, { idleTimeoutMs: 800 }, startTimeoutMs);

    it('keeps a session that is talking, and closes one that is silent with 4408', async () => {
      const client = await connectClient(`${target().wsUrl}?site=demo`);
      const opened = Date.now();
      await client.waitFor('session.updated');
      await new Promise((r) => setTimeout(r, 500));
      client.send(userText('still here'));
      await new Promise((r) => setTimeout(r, 500));
      expect(client.ws.readyState).toBe(1);
      // Silence from an open microphone is not activity.
      for (let i = 0; i < 10; i++) client.sendRaw(Buffer.alloc(960));
      const idle = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'idle_timeout', 3000);
      expect(idle.message).toMatch(/idle/);
      expect((await client.closed).code).toBe(4408);
      expect(Date.now() - opened).toBeGreaterThanOrEqual(1250);
    });
  });
}
