/**
 * The widget under a retailer's strict Content-Security-Policy, and for a
 * shopper on a keyboard or a screen reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { STOREFRONT_DIST } from '../../packages/gateway/src/node.js';
import { DEMO_SHOP_CSP } from '../../packages/gateway/src/sites/demo/shop-csp.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let gw: TestGateway;
let browser: Browser;
let shop: Server;
let shopUrl: string;

/** The policy README.md documents for retailers, with this test's gateway as the widget's origin. */
const cspFor = (gateway: string) =>
  [
    "default-src 'self'",
    `script-src 'self' ${gateway}`,
    `connect-src 'self' ${gateway} ${gateway.replace(/^http/, 'ws')}`,
    `img-src 'self' ${gateway}`,
    "style-src 'self'",
  ].join('; ');

/** Collects every CSP violation the page reports, from before its first script runs. */
async function recordCspViolations(page: Page) {
  await page.addInitScript(() => {
    (window as any).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

beforeAll(async () => {
  if (!browserAvailable) return;
  gw = await startTestGateway();
  const page = shopPage(gw.url, '', '<h1>Strict shop</h1><a href="#top">Top of page</a>');
  shop = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': cspFor(gw.url) }).end(page);
  });
  await new Promise<void>((r) => shop.listen(0, '127.0.0.1', r));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => shop?.close(r));
  await gw?.close();
});

describe.skipIf(!browserAvailable)('a strict CSP', () => {
  it('lets the widget work with no violation', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await recordCspViolations(page);
    await page.goto(shopUrl);
    const widget = page.locator('contoso-voice');
    await widget.locator('button.launcher').waitFor();
    await page.evaluate(() => (window as any).ContosoVoice.open());
    const input = widget.getByLabel('Message');
    await input.fill('Do you have a lantern?');
    await input.press('Enter');
    await expect.poll(() => widget.locator('.card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The widget's own styles applied (a blocked stylesheet would leave the button unstyled).
    expect(await widget.locator('button.launcher').evaluate((el) => getComputedStyle(el).borderRadius)).toBe('50%');
    // The worklet module loads under script-src from the gateway's origin.
    const workletLoaded = await page.evaluate(async (url) => {
      const ctx = new AudioContext();
      try {
        await ctx.audioWorklet.addModule(url);
        return true;
      } catch {
        return false;
      } finally {
        void ctx.close();
      }
    }, `${gw.url}/worklets/audio.js`);
    expect(workletLoaded).toBe(true);
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(context.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!browserAvailable)('the storefront under its strict CSP', () => {
  it('works with no violation, as npm start serves it', async () => {
    const shopGw = await startTestGateway({ storefrontDir: STOREFRONT_DIST, storefrontHeaders: { 'content-security-policy': DEMO_SHOP_CSP } });
    const context = await newContext(browser);
    const page = await context.newPage();
    await recordCspViolations(page);
    const response = await page.goto(`${shopGw.url}/products/tent-basecamp-4.html`);
    // The gateway adds frame-ancestors to whatever policy a page has: its pages are not to be framed by other sites.
    expect(response!.headers()['content-security-policy']).toBe(`${DEMO_SHOP_CSP}; frame-ancestors 'none'`);
    const widget = page.locator('contoso-voice');
    await widget.locator('button.launcher').waitFor();
    await page.evaluate(() => (window as any).ContosoVoice.open());
    await widget.getByLabel('Message').fill('What does shipping cost?');
    await widget.getByLabel('Message').press('Enter');
    await expect.poll(() => widget.locator('.msg.assistant').filter({ hasText: 'free on orders over $75' }).count(), { timeout: 10_000 }).toBe(1);
    await widget.locator('.msg.assistant').first().waitFor();
    expect(await page.evaluate(() => (window as any).__violations)).toEqual([]);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
    await shopGw.close();
  });
});

describe.skipIf(!browserAvailable)('accessibility', () => {
  it('axe finds no serious or critical violation in the open widget', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(shopUrl);
    const widget = page.locator('contoso-voice');
    await widget.locator('button.launcher').waitFor();
    await page.evaluate(() => (window as any).ContosoVoice.open());
    const input = widget.getByLabel('Message');
    await input.fill('I need a tent for four people');
    await input.press('Enter');
    await expect.poll(() => widget.locator('.card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // The page's CSP would block an injected axe; evaluate it as the test's own code instead.
    await page.evaluate(AXE_SOURCE);
    const results = await page.evaluate(async () => {
      const axe = (window as any).axe;
      const r = await axe.run({ include: [['contoso-voice']] }, { resultTypes: ['violations'] });
      return r.violations.map((v: any) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    const serious = results.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, JSON.stringify(results)).toEqual([]);
    await context.close();
  });

  it('works from the keyboard: Tab reaches the button, Enter opens the panel, Escape closes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(shopUrl);
    const widget = page.locator('contoso-voice');
    await widget.locator('button.launcher').waitFor();
    const focusedIsLauncher = () =>
      page.evaluate(() => document.activeElement?.tagName === 'CONTOSO-VOICE' && !!document.activeElement.shadowRoot?.activeElement?.matches('button.launcher'));
    let reached = false;
    for (let i = 0; i < 5 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await focusedIsLauncher();
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => widget.locator('.panel').count()).toBe(1);
    // The focus outline is visible on the button.
    expect(await widget.locator('button.launcher').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Escape');
    await expect.poll(() => widget.locator('.panel').count()).toBe(0);
    // Escape gives the focus back to the launcher, not to the page's <body>.
    await expect.poll(focusedIsLauncher).toBe(true);
    await context.close();
  });
});
