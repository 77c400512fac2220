/**
 * The Contoso Outdoor storefront in Chromium, as a shopper meets it: the
 * widget from one script tag, text chat with product cards and the shop's
 * cart, a denied microphone, and navigation between pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, shopPage, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { STOREFRONT_DIST } from '../../packages/gateway/src/node.js';
import { demoCatalog, inCategory } from '../../packages/gateway/test/helpers/demo-catalog.js';

const ARTIFACTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url));

const HOSTILE_CSS = `<style>
  * { all: unset !important; font-size: 40px !important; line-height: 3 !important; }
  html, body { display: block !important; }
  div, button { display: inline !important; position: static !important; z-index: -1 !important; width: 10px !important; height: 10px !important; background: red !important; color: red !important; }
  button { transform: rotate(45deg) scale(3) !important; border: 20px solid lime !important; }
  section, ol, li, input, form { margin: 50px !important; padding: 50px !important; }
  .overlay { position: fixed !important; inset: 0 !important; z-index: 2147483647 !important; pointer-events: none !important; }
</style>`;

let gw: TestGateway;
let browser: Browser;
let hostile: PageServer;

beforeAll(async () => {
  if (!browserAvailable) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  gw = await startTestGateway({ storefrontDir: STOREFRONT_DIST });
  hostile = await servePages({ '/': shopPage(gw.url, HOSTILE_CSS, '<h1>Hostile page</h1><div>shop content</div><button>Buy</button>') });
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await hostile?.close();
  await gw?.close();
});

const widget = (page: Page) => page.locator('contoso-voice');

async function ask(page: Page, text: string) {
  const input = widget(page).getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
}

describe.skipIf(!browserAvailable)('the storefront', () => {
  it('loads with the widget in a shadow root, and a hostile stylesheet does not break it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(`${gw.url}/`);
    await expect.poll(() => widget(page).locator('button.launcher').count()).toBe(1);
    expect(await page.evaluate(() => !!document.querySelector('contoso-voice')?.shadowRoot)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}storefront-closed.png` });
    await page.evaluate(() => (window as any).ContosoVoice.open());
    await ask(page, 'I need a tent for four people');
    await widget(page).locator('.card').first().waitFor();
    await page.screenshot({ path: `${ARTIFACTS}storefront-open.png` });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') await page.screenshot({ path: `${DOCS}storefront.png` });

    const h = await context.newPage();
    await h.setViewportSize({ width: 1200, height: 800 });
    await h.goto(hostile.url);
    const mic = widget(h).locator('button.launcher');
    await expect.poll(() => mic.count()).toBe(1);
    const box = (await mic.boundingBox())!;
    expect(box.width).toBe(56);
    expect(box.height).toBe(56);
    expect(box.x + box.width).toBeCloseTo(1200 - 20, 0);
    // The button is on top and clickable where it is drawn.
    const hit = await h.evaluate(([x, y]) => {
      const el = document.elementFromPoint(x!, y!);
      return el?.tagName === 'CONTOSO-VOICE' && !!el.shadowRoot?.elementFromPoint(x!, y!)?.closest('button.launcher');
    }, [box.x + 28, box.y + 28]);
    expect(hit).toBe(true);
    expect(await mic.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 111, 67)');
    await h.evaluate(() => (window as any).ContosoVoice.open());
    const panel = widget(h).locator('.panel');
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.width).toBe(380);
    // 16 px: iOS zooms into any input whose text is smaller.
    expect(await widget(h).getByLabel('Message').evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    await h.screenshot({ path: `${ARTIFACTS}hostile-page-open.png` });
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });

  it('answers a typed question with a real tent, and Add to cart raises the shop cart count', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${gw.url}/`);
    expect(await page.locator('#cart-count').textContent()).toBe('0');
    await widget(page).locator('button.launcher').waitFor();
    await page.evaluate(() => (window as any).ContosoVoice.open());
    await ask(page, 'I need a tent for four people');
    const reply = widget(page).locator('.msg.assistant:not(.partial)').filter({ hasText: "I'd suggest" });
    await expect.poll(() => reply.count(), { timeout: 10_000 }).toBe(1);
    const text = (await reply.textContent())!;
    expect(demoCatalog.some((p) => inCategory(p, 'Tents') && text.includes(p.name))).toBe(true);
    await widget(page).locator('.card').first().getByRole('button', { name: /^Add to cart/ }).click();
    await expect.poll(() => page.locator('#cart-count').textContent()).toBe('1');
    const cart = await page.evaluate(() => JSON.parse(localStorage.getItem('contoso-outdoor-cart')!));
    expect(cart).toEqual([{ id: 'tent-basecamp-4', name: 'Basecamp 4 Family Dome Tent', price: 289, quantity: 1 }]);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });

  it('keeps the conversation on screen from a product page to the cart page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${gw.url}/products/bag-ember-20.html`);
    await widget(page).locator('button.launcher').waitFor();
    await page.evaluate(() => (window as any).ContosoVoice.open());
    await ask(page, 'What is your returns policy?');
    await expect.poll(() => widget(page).locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 10_000 }).toBe(1);
    await page.locator('a.cart-link').click();
    await page.waitForURL(/cart\.html$/);
    // The panel reopens by itself, with the conversation so far.
    await expect.poll(() => widget(page).locator('.panel').count()).toBe(1);
    expect(await widget(page).locator('.msg.user').filter({ hasText: 'What is your returns policy?' }).count()).toBe(1);
    expect(await widget(page).locator('.msg.assistant').filter({ hasText: '60 days' }).count()).toBe(1);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });
});

describe.skipIf(!browserAvailable)('with the microphone denied', () => {
  it('shows the text fallback, and chat still works', async () => {
    const denied = await launchBrowser({ denyMicrophone: true });
    const context = await newContext(denied);
    // The session opens after the microphone is refused, as on a slow network: its start must not wipe the notice.
    await context.route('**/v1/sessions', async (route) => {
      await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${gw.url}/`);
    // Text first: the launcher opens the panel; the panel's mic asks for the microphone.
    await widget(page).locator('button.launcher').click();
    const mic = widget(page).locator('.panel button.mic');
    await mic.click();
    await expect.poll(() => widget(page).locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/microphone is blocked.*type instead/i);
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => widget(page).getByLabel('Message').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await ask(page, 'Do you sell headlamps?');
    await expect.poll(() => widget(page).locator('.msg.assistant').filter({ hasText: /Headlamp|Head Torch/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // Once the shopper has moved on to typing, the microphone notice no longer holds, and goes.
    expect(await widget(page).locator('.notice').count()).toBe(0);
    await context.close();
    await denied.close();
  });
});
