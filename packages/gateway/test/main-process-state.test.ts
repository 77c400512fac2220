/**
 * `npm start` opens a plain and a development TLS listener: they are one
 * gateway, with one set of spent tokens, session counts and conversations.
 * And spent token ids outlive a graceful restart, as the conversations do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startMain, type MainProcess } from './helpers/main-process.js';
import { attemptUpgrade } from './helpers/upgrade-attempt.js';
import { connectClient } from './helpers/socket-client.js';
import { mintSessionToken } from '../src/security/session-token.js';

const workDir = mkdtempSync(`${tmpdir()}/cv-state-`);
const env = { STOREFRONT: 'off', LIMITS: JSON.stringify({ maxSessionsPerIp: 2 }) };
let gateway: MainProcess;
let ca = '';
beforeAll(async () => {
  gateway = await startMain(workDir, env);
  ca = readFileSync(`${workDir}/.contoso-voice/dev-cert/cert.pem`, 'utf8');
}, 30_000);
afterAll(() => gateway?.stop());

async function token() {
  const secret = readFileSync(`${workDir}/.contoso-voice/site-secret-demo`, 'utf8').trim();
  return (await mintSessionToken(secret, { site: 'demo', iss: 'site' })).token;
}
const plain = () => `${gateway.httpUrl.replace(/^http/, 'ws')}/v1/realtime?site=demo`;
const tls = () => `${gateway.tlsUrl!.replace(/^https/, 'wss')}/v1/realtime?site=demo`;

describe('the two listeners of npm start', () => {
  it('share spent tokens: one spent on the plain listener opens nothing on the TLS one', async () => {
    const t = await token();
    expect(await attemptUpgrade(`${plain()}&token=${t}`)).toEqual({ opened: true });
    expect(await attemptUpgrade(`${tls()}&token=${t}`, { ca })).toEqual({ opened: false, status: 409, code: 'token_replayed' });
  });

  it('share the per-address session count', async () => {
    const a = await connectClient(plain(), { token: await token() });
    const b = await connectClient(tls(), { token: await token(), ca });
    expect(await attemptUpgrade(`${tls()}&token=${await token()}`, { ca })).toEqual({ opened: false, status: 429, code: 'too_many_sessions' });
    expect(await attemptUpgrade(`${plain()}&token=${await token()}`)).toEqual({ opened: false, status: 429, code: 'too_many_sessions' });
    a.close();
    b.close();
    await Promise.all([a.closed, b.closed]);
  });

  it('share conversations: a resume on the other listener takes the conversation over, and the first socket is told 4409', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const first = await connectClient(plain(), { token: await token() });
    const hello = await first.waitFor('gateway.session');
    const second = await connectClient(`${tls()}&resume=${encodeURIComponent(hello.resume_token)}&last_seq=0&audio_after=0`, { token: await token(), ca });
    expect(await second.waitFor('gateway.session')).toMatchObject({ session_id: hello.session_id, resumed: 'reattached' });
    expect((await first.closed).code).toBe(4409);
    second.close();
    await second.closed;
  });
});

describe('a graceful restart', () => {
  it('keeps the spent token ids: a token used before it opens nothing after', async () => {
    await new Promise((r) => setTimeout(r, 200));
    const t = await token();
    expect(await attemptUpgrade(`${plain()}&token=${t}`)).toEqual({ opened: true });
    expect(await gateway.stop()).toBe(0);
    gateway = await startMain(workDir, env);
    expect(await attemptUpgrade(`${plain()}&token=${t}`)).toEqual({ opened: false, status: 409, code: 'token_replayed' });
    expect(await attemptUpgrade(`${plain()}&token=${await token()}`)).toEqual({ opened: true });
  }, 30_000);
});
