/**
 * Shop analytics in Chromium (#17): on the demo storefront, with the site's
 * analytics set to dataLayer with consent required, the widget's GA4-shaped
 * events reach the page as DOM events from the first card, but
 * window.dataLayer only after the page grants consent; from then on it gets
 * view_item_list, add_to_cart and select_item, each with the conversation id
 * the gateway gave the session, which the page can also ask for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { bundledDemo } from '../../packages/gateway/src/sites/demo-site.js';
import { STOREFRONT_DIST } from '../../packages/gateway/src/node.js';

let gw: TestGateway;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  const demo = bundledDemo();
  gw = await startTestGateway({ storefrontDir: STOREFRONT_DIST, ...demo, sites: demo.sites.map((s) => ({ ...s, analytics: { dataLayer: true, consent: 'required' } })) });
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await gw?.close();
});

type Pushed = { event?: string; conversation_id?: string; ecommerce?: { currency?: string; value?: number; items: { item_id: string; quantity: number; price?: number }[] } | null };

const widget = (page: Page) => page.locator('contoso-voice');
const dataLayer = (page: Page) => page.evaluate(() => ((window as any).dataLayer ?? []) as Pushed[]);
const domEvents = (page: Page) => page.evaluate(() => (window as any).shopEvents as Pushed[]);
const ecommerce = (list: Pushed[], event: string) => list.filter((e) => e.event === event);

async function ask(page: Page, text: string, answered: RegExp) {
  const answers = widget(page).locator('.msg.assistant:not(.partial)').filter({ hasText: answered });
  const before = await answers.count();
  const input = widget(page).getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => answers.count(), { timeout: 15_000 }).toBeGreaterThan(before);
}

describe.skipIf(!browserAvailable)('shop analytics on the storefront', () => {
  it('pushes view_item_list, add_to_cart and select_item with the conversation id to dataLayer once the page consents', async () => {
    const context = await newContext(browser);
    // The page's own listener, as a shop's tag manager would have it, and card links kept on this page.
    await context.addInitScript(() => {
      (window as any).shopEvents = [];
      document.addEventListener('contoso-voice:analytics', (e) => (window as any).shopEvents.push((e as CustomEvent).detail));
      document.addEventListener('click', (e) => {
        if (e.composedPath().some((n) => (n as HTMLElement).dataset?.id)) e.preventDefault();
      });
    });
    const page = await context.newPage();
    await page.goto(`${gw.url}/`);
    await page.evaluate(() => (window as any).ContosoVoice.open());
    await widget(page).getByLabel('Message').waitFor();

    // Before consent: the DOM event, nothing in dataLayer.
    await ask(page, 'show me tents', /tent/i);
    await expect.poll(async () => ecommerce(await domEvents(page), 'view_item_list').length).toBe(1);
    const conversationId = await page.evaluate(() => (window as any).ContosoVoice.conversationId() as string);
    expect(gw.logs.some((l) => l.event === 'session.open' && l.fields.session === conversationId)).toBe(true);
    expect(ecommerce(await domEvents(page), 'view_item_list')[0]).toMatchObject({ conversation_id: conversationId, ecommerce: { currency: 'USD', items: expect.arrayContaining([expect.objectContaining({ item_id: expect.stringMatching(/^tent-/), quantity: 1 })]) } });
    expect((await dataLayer(page)).filter((e) => 'ecommerce' in e)).toEqual([]);

    await page.evaluate(() => (window as any).ContosoVoice.push(['consent', { analytics: true }]));
    await ask(page, 'add the Basecamp 4 tent to my cart', /added/i);
    await expect.poll(async () => ecommerce(await dataLayer(page), 'add_to_cart').length).toBe(1);
    const [added] = ecommerce(await dataLayer(page), 'add_to_cart');
    expect(added).toMatchObject({ conversation_id: conversationId, ecommerce: { currency: 'USD', items: [expect.objectContaining({ item_id: 'tent-basecamp-4', quantity: 1 })] } });
    expect(added!.ecommerce!.value).toBe(added!.ecommerce!.items[0]!.price);

    // (The add may have searched first, and shown cards of its own.)
    const listsBefore = ecommerce(await dataLayer(page), 'view_item_list').length;
    await ask(page, 'do you have sleeping bags?', /sleeping bag/i);
    await expect.poll(async () => ecommerce(await dataLayer(page), 'view_item_list').length).toBe(listsBefore + 1);
    expect(ecommerce(await dataLayer(page), 'view_item_list').at(-1)).toMatchObject({ conversation_id: conversationId, ecommerce: { items: expect.arrayContaining([expect.objectContaining({ item_id: expect.stringMatching(/^bag-/) })]) } });
    // GA4's clearing push comes before each ecommerce event.
    const pushed = await dataLayer(page);
    const at = pushed.findIndex((e) => e.event === 'view_item_list');
    expect(pushed[at - 1]).toEqual({ ecommerce: null });

    // A card's link opened: select_item.
    await widget(page).locator('.card a[data-id]').last().click();
    await expect.poll(async () => ecommerce(await dataLayer(page), 'select_item').length).toBe(1);
    expect(ecommerce(await dataLayer(page), 'select_item')[0]).toMatchObject({ conversation_id: conversationId, ecommerce: { items: [expect.objectContaining({ quantity: 1 })] } });
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);
});
