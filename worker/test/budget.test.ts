/**
 * Budgets on the Worker under wrangler dev: each site's spend lives in a
 * BudgetHost Durable Object's storage, which the front (token and socket
 * routes) and every session host share. A site whose day has room for one
 * conversation takes one and refuses the next with budget_exhausted, and
 * still does after wrangler dev is stopped and started again on the same
 * state: the sums are in storage, not in any isolate's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { ACME_ORIGIN, acmeProducts, writeAcmeSiteDir } from './helpers/acme-site.js';
import { uploadSitesLocally } from './helpers/upload-command.js';
import { askInText, connectClient } from '../../packages/gateway/test/helpers/socket-client.js';
import { attemptUpgrade } from '../../packages/gateway/test/helpers/upgrade-attempt.js';
import { eventually } from '../../packages/gateway/test/helpers/eventually.js';

// Any answer reads the instructions and tools, hundreds of tokens at gpt-realtime prices: far more than the $0.0001 left after it.
const budget = { dailyUsd: 0.0011, conversationUsd: 0.001 };
let siteDir: string;
let stateDir: string;
let dev: WranglerDev | null = null;

beforeAll(async () => {
  siteDir = writeAcmeSiteDir(acmeProducts(40), { budget });
  stateDir = mkdtempSync(join(tmpdir(), 'contoso-budget-state-'));
  const upload = uploadSitesLocally(siteDir, stateDir);
  if (upload.status !== 0) throw new Error(upload.output);
  dev = await startWranglerDev({ UPSTREAM: 'local' }, 90_000, stateDir);
}, 240_000);

afterAll(async () => {
  await dev?.stop();
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

const tokenRequest = () =>
  fetch(`${dev!.url}/v1/sessions`, { method: 'POST', headers: { origin: ACME_ORIGIN }, body: JSON.stringify({ site: 'acme' }) });
const socketUrl = () => `${dev!.url.replace(/^http/, 'ws')}/v1/realtime?site=acme`;
const logLines = (event: string) =>
  dev!.output.flatMap((line) => {
    const json = line.slice(line.indexOf('{'));
    if (!json.startsWith('{"time"')) return [];
    const parsed = JSON.parse(json) as Record<string, unknown>;
    return parsed.event === event ? [parsed] : [];
  });

describe('budgets on the Worker', () => {
  it('refuses the next session with budget_exhausted once the day has less than a conversation left, also after a restart', async () => {
    const granted = await tokenRequest();
    expect(granted.status).toBe(200);
    const { token } = (await granted.json()) as { token: string };
    const client = await connectClient(socketUrl(), { token, origin: ACME_ORIGIN });
    await client.waitFor('session.updated', 15_000);
    askInText(client, 'Welche Fahrräder habt ihr?');
    await client.waitFor('response.done', 20_000);
    // The spend reaches the site's BudgetHost from the session host; the front reads it from there.
    await eventually(async () => (await tokenRequest()).status === 503, 'the token route to refuse', 10_000);
    const refused = await tokenRequest();
    expect(await refused.json()).toMatchObject({ error: 'budget_exhausted' });
    expect(refused.headers.get('access-control-allow-origin')).toBe(ACME_ORIGIN);
    client.close();
    const usage = logLines('usage.response')[0];
    expect(usage).toMatchObject({ site: 'acme', model: 'gpt-realtime', lane: 'realtime', known: true });
    expect(usage!.usd as number).toBeGreaterThan(0.0001);

    await dev!.stop();
    dev = await startWranglerDev({ UPSTREAM: 'local' }, 90_000, stateDir);
    expect((await tokenRequest()).status).toBe(503);
    // The socket route refuses before the token is checked or spent: it can be used again once the day resets.
    expect(await attemptUpgrade(`${socketUrl()}&token=x`, { origin: ACME_ORIGIN })).toEqual({ opened: false, status: 503, code: 'budget_exhausted' });
  }, 240_000);
});
