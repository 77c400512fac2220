/**
 * A budget holds across a restart, a crash included: `npm start` keeps each
 * site's spend in .contoso-voice/budgets.json, written after every response.
 * With the local engine (priced as gpt-realtime) a site whose day has room
 * for one conversation takes one, refuses the next with budget_exhausted,
 * and still refuses it after the process is killed and started again.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMain, type MainProcess } from './helpers/main-process.js';
import { askInText, connectClient } from './helpers/socket-client.js';
import { attemptUpgrade } from './helpers/upgrade-attempt.js';
import { eventually } from './helpers/eventually.js';
import { mintSessionToken } from '../src/security/session-token.js';
import { acmeProducts, writeAcmeSiteDir } from '../../../worker/test/helpers/acme-site.js';

const SECRET = 'acme-site-secret-0123456789abcdef';
// Any answer reads the instructions and tools, hundreds of tokens: far more than the $0.0001 left after it.
const budget = { dailyUsd: 0.0011, conversationUsd: 0.001 };
const sites = writeAcmeSiteDir(acmeProducts(40), { budget });
const workDir = mkdtempSync(join(tmpdir(), 'cv-budget-restart-'));
const ledgerFile = join(workDir, '.contoso-voice/budgets.json');
const env = { SITES_DIR: sites, SITE_SECRET_ACME: SECRET, DEV_TLS: 'off', STOREFRONT: 'off', SESSION_SNAPSHOT: 'off' };
let gw: MainProcess | null = null;
afterAll(() => gw?.stop());

const token = async () => (await mintSessionToken(SECRET, { site: 'acme', iss: 'site' })).token;
const tokenStatus = async () =>
  (await fetch(`${gw!.httpUrl}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: JSON.stringify({ site: 'acme' }) })).status;

describe('a site budget across a restart', () => {
  it('refuses the next session with budget_exhausted, also after the process is killed and started again', async () => {
    gw = await startMain(workDir, env, 60_000);
    const ws = `${gw.httpUrl.replace(/^http/, 'ws')}/v1/realtime?site=acme`;
    const client = await connectClient(ws, { token: await token() });
    await client.waitFor('session.updated');
    askInText(client, 'Welche Fahrräder habt ihr?');
    await client.waitFor('response.done', 15_000);
    // The spend is on disk once the response is done: nothing waits for a graceful stop.
    const spent = await eventually(() => existsSync(ledgerFile) && JSON.parse(readFileSync(ledgerFile, 'utf8')).sites.acme?.today, 'the spend on disk');
    expect(spent).toBeGreaterThan(0.0001);
    expect(await tokenStatus()).toBe(503);
    client.close();

    gw.child.kill('SIGKILL');
    await new Promise((r) => gw!.child.once('close', r));
    gw = await startMain(workDir, env, 60_000);
    expect(await tokenStatus()).toBe(503);
    expect(await attemptUpgrade(`${gw.httpUrl.replace(/^http/, 'ws')}/v1/realtime?site=acme&token=${await token()}`)).toEqual({ opened: false, status: 503, code: 'budget_exhausted' });
    expect(gw.output()).toMatch(/"event":"session.refused".*"code":"budget_exhausted"/);
  }, 120_000);
});
