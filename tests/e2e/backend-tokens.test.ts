/**
 * A shop whose site has `publicTokens: false`: the gateway mints no tokens
 * for browsers, and the page gets each one from the shop's own backend
 * through `ContosoVoice.push(['getToken', …])`. A getToken that throws or
 * hangs, and a token the gateway refuses, each end in a clear state after a
 * bounded number of attempts, never "Connecting…" for ever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { startShopBackend, type ShopBackend } from '../../packages/widget/test/helpers/shop-backend.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { TEST_TOKEN_SECRET } from '../../packages/gateway/test/helpers/test-secrets.js';
import { bundledDemoSite } from '../../packages/gateway/src/sites/demo-site.js';
import { DEMO_CATALOG_TEXT } from '../../packages/gateway/src/sites/demo/index.js';
import { staticCatalogs } from '../../packages/gateway/src/catalog/static-catalogs.js';
import type { SiteConfig } from '../../packages/gateway/src/sites/types.js';

const SITE = 'outfitters';
const SITE_SECRET = 'outfitters-site-secret-0123456789abcdef';

let gw: TestGateway;
let shop: ShopBackend;
let browser: Browser;

/** A page of the shop: `queued` runs before the script tag, as a retailer's snippet would. */
const page = (queued: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outfitters</title></head><body>
<h1>Outfitters</h1>
<script>window.ContosoVoice = window.ContosoVoice || []; window.__calls = 0; ${queued}</script>
<script async src="${gw.url}/widget.js" data-site="${SITE}"></script>
</body></html>`;

const fromBackend = `async () => { window.__calls++; const r = await fetch('/token', { method: 'POST' }); if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); }`;

beforeAll(async () => {
  if (!browserAvailable) return;
  // The demo shop's data under another id, with public tokens off: only the shop's backend can mint.
  const demo = bundledDemoSite();
  const site: SiteConfig = { ...demo, id: SITE, access: { ...demo.access, publicTokens: false } };
  gw = await startTestGateway({
    sites: [site],
    catalogs: staticCatalogs([{ site, text: DEMO_CATALOG_TEXT }]),
    security: { tokenSecret: TEST_TOKEN_SECRET, siteSecrets: { [SITE]: SITE_SECRET } },
  });
  shop = await startShopBackend({
    site: SITE,
    secret: SITE_SECRET,
    pages: () => ({
      '/': page(`ContosoVoice.push(['getToken', ${fromBackend}]);`),
      '/no-token': page(''),
      '/throws': page(`ContosoVoice.push(['getToken', () => { window.__calls++; throw new Error('backend down'); }]);`),
      '/hangs': page(`ContosoVoice.push(['getToken', () => { window.__calls++; return new Promise(() => {}); }]);`),
      // A token the gateway cannot verify: signed with a secret that is not the site's.
      '/refused': page(`ContosoVoice.push(['getToken', () => { window.__calls++; return 'v1.eyJzaXRlIjoib3V0Zml0dGVycyJ9.bm90LWEtc2lnbmF0dXJl'; }]);`),
      // The page hands its getToken over after the script has loaded.
      '/late': page(`addEventListener('load', () => ContosoVoice.push(['getToken', ${fromBackend}]));`),
    }),
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await shop?.close();
  await gw?.close();
});

const widget = (p: Page) => p.locator('contoso-voice');
const status = (p: Page) => widget(p).locator('.status').textContent();
const notice = (p: Page) => widget(p).locator('.notice').textContent().catch(() => null);
const calls = (p: Page) => p.evaluate(() => (window as unknown as { __calls: number }).__calls);

async function ask(p: Page, text: string) {
  await p.evaluate(() => (window as any).ContosoVoice.open());
  const input = widget(p).getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
}

describe.skipIf(!browserAvailable)('tokens from the shop’s own backend (publicTokens: false)', () => {
  it('without getToken, the page is refused: the gateway mints no tokens for this site', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${shop.url}/no-token`);
    await ask(p, 'What is your returns policy?');
    await expect.poll(() => status(p), { timeout: 10_000 }).toBe('Unavailable');
    expect(await notice(p)).toBe('The assistant cannot connect from this page.');
    await context.close();
  });

  it('holds a typed conversation on tokens the backend minted, one per connect', async () => {
    const before = shop.minted();
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(shop.url);
    await ask(p, 'What is your returns policy?');
    await expect.poll(() => widget(p).locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await status(p)).toBe('Connected');
    expect(await calls(p)).toBe(1);
    expect(shop.minted() - before).toBe(1);
    expect(gw.logs.filter((l) => l.event === 'session.refused')).toEqual([]);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });

  it('takes a getToken pushed after the script has loaded', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${shop.url}/late`);
    await p.waitForFunction(() => (window as any).ContosoVoice?.setContext);
    await ask(p, 'What is your returns policy?');
    await expect.poll(() => widget(p).locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await calls(p)).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it('a getToken that throws: says the shop could not start the assistant, retries with backoff, then stops until asked again', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${shop.url}/throws`);
    await ask(p, 'Hello?');
    await expect.poll(() => notice(p), { timeout: 5000 }).toBe('The shop could not start the assistant.');
    await expect.poll(() => status(p), { timeout: 20_000 }).toBe('Unavailable');
    const tries = await calls(p);
    expect(tries).toBe(4);
    expect(await notice(p)).toBe('The shop could not start the assistant.');
    // Given up: no more calls on its own...
    await p.waitForTimeout(3000);
    expect(await calls(p)).toBe(tries);
    // ...until the shopper asks again; the typed question is kept, not lost.
    await ask(p, 'Anyone there?');
    await expect.poll(() => calls(p), { timeout: 5000 }).toBeGreaterThan(tries);
    // Kept, and marked as not sent while no session would take them.
    expect(await widget(p).locator('.msg.user').allTextContents()).toEqual(['Hello?', 'Anyone there?'].map((q) => `${q}Not sent yet: waiting for the connection`));
    expect(await widget(p).locator('.msg.user.pending').count()).toBe(2);
    await context.close();
  }, 40_000);

  it('a getToken that never answers is given up on after 10 s, said so, and tried again', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${shop.url}/hangs`);
    await ask(p, 'Hello?');
    const started = Date.now();
    expect(await status(p)).toBe('Connecting…');
    await expect.poll(() => notice(p), { timeout: 15_000 }).toBe('The shop could not start the assistant.');
    expect(Date.now() - started).toBeGreaterThan(8000);
    expect(await status(p)).toBe('Reconnecting…');
    await expect.poll(() => calls(p), { timeout: 8000 }).toBe(2);
    await context.close();
  }, 40_000);

  it('a token the gateway refuses ends the retries with a clear state', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${shop.url}/refused`);
    await ask(p, 'Hello?');
    await expect.poll(() => status(p), { timeout: 25_000 }).toBe('Unavailable');
    expect(await notice(p)).toBe('The assistant cannot connect from this page.');
    // Four refused upgrades in a row; a fifth getToken may already be under way when the fourth refusal is counted.
    const tries = await calls(p);
    expect(tries).toBeGreaterThanOrEqual(4);
    expect(tries).toBeLessThanOrEqual(5);
    const refused = gw.logs.filter((l) => l.event === 'session.refused' && l.fields.code === 'token_invalid').length;
    expect(refused).toBeGreaterThanOrEqual(4);
    expect(refused).toBeLessThanOrEqual(tries);
    await p.waitForTimeout(3000);
    expect(await calls(p)).toBe(tries);
    await context.close();
  }, 40_000);
});
