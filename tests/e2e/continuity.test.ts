/**
 * A conversation in Chromium that crosses pages of the storefront: the
 * socket closes with each navigation, the widget on the next page presents
 * its resume token, and the same model session goes on. The local engine's
 * own conversation state shows the model still has what was said.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { inspectableLocalUpstream, type InspectableLocalUpstream } from '../../packages/gateway/src/upstream/local/inspector.js';
import { STOREFRONT_DIST } from '../../packages/gateway/src/node.js';

let gw: TestGateway;
let local: InspectableLocalUpstream;
// A model that streams slowly, so that an answer is still in progress when the shopper changes page.
let slowGw: TestGateway;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  local = inspectableLocalUpstream();
  gw = await startTestGateway({ storefrontDir: STOREFRONT_DIST, upstream: local.upstream });
  slowGw = await startTestGateway({ storefrontDir: STOREFRONT_DIST, upstream: inspectableLocalUpstream({ tickMs: 150 }).upstream });
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
  await slowGw?.close();
});

const widget = (page: Page) => page.locator('contoso-voice');

async function openPanelOn(page: Page, url: string) {
  await page.goto(url);
  await widget(page).locator('button.launcher').waitFor();
  await page.evaluate(() => (window as any).ContosoVoice.open());
}

async function type(page: Page, text: string) {
  const input = widget(page).getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
}

async function ask(page: Page, text: string, answered: RegExp) {
  await type(page, text);
  await expect.poll(() => widget(page).locator('.msg.assistant').filter({ hasText: answered }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
}

describe.skipIf(!browserAvailable)('a conversation across pages', () => {
  it('resumes the same model session on each page, which still knows what was said', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openPanelOn(page, `${gw.url}/products/bag-ember-20.html`);
    await ask(page, 'What is your returns policy?', /60 days/);

    await page.goto(`${gw.url}/category/tents.html`);
    await expect.poll(() => widget(page).locator('.panel').count()).toBe(1);
    await ask(page, 'Do you sell headlamps?', /Headlamp|Head Torch/);

    await page.locator('a.cart-link').click();
    await page.waitForURL(/cart\.html$/);
    await expect.poll(() => widget(page).locator('.panel').count()).toBe(1);
    await ask(page, 'How long does shipping take?', /3 to 5 business days/);

    // One conversation at the gateway: one session opened, resumed on each new page.
    const opened = gw.logs.filter((l) => l.event === 'session.open');
    expect(opened).toHaveLength(1);
    const resumes = gw.logs.filter((l) => l.event === 'session.resume');
    expect(resumes.map((l) => l.fields.mode)).toEqual(['reattached', 'reattached']);
    // The model itself has all three questions, in order, in one conversation.
    const state = local.inspect(String(opened[0]!.fields.session))!;
    const asked = state.items.flatMap((i) => (i.type === 'message' && i.role === 'user' && i.source === 'text' ? [i.text] : []));
    expect(asked).toEqual(['What is your returns policy?', 'Do you sell headlamps?', 'How long does shipping take?']);
    // The shopper sees each turn once: nothing doubled by the replays.
    for (const q of ['What is your returns policy?', 'Do you sell headlamps?', 'How long does shipping take?']) {
      expect(await widget(page).locator('.msg.user').filter({ hasText: q }).count(), q).toBe(1);
    }
    expect(await widget(page).locator('.msg.assistant').filter({ hasText: /60 days/ }).count()).toBe(1);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);

  it('answers a question typed on the next page while the last answer is still streaming', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openPanelOn(page, `${slowGw.url}/products/bag-ember-20.html`);
    await type(page, 'What is your returns policy?');
    await expect.poll(() => widget(page).locator('.msg.assistant.partial').count(), { timeout: 10_000 }).toBe(1);

    await page.goto(`${slowGw.url}/category/tents.html`);
    await expect.poll(() => widget(page).locator('.panel').count()).toBe(1);
    // The model allows one response at a time: the widget cancels the one in progress rather than being refused.
    await ask(page, 'Do you sell headlamps?', /Headlamp|Head Torch/);
    expect(slowGw.logs.filter((l) => l.event === 'upstream.error')).toEqual([]);
    expect(await widget(page).locator('.notice').count()).toBe(0);
    expect(slowGw.logs.filter((l) => l.event === 'session.resume').map((l) => l.fields.mode)).toEqual(['reattached']);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
