/**
 * The assistant acts, in Chromium (#14): on the demo storefront a typed
 * request puts the right product and variant in the shop's own cart through
 * the client tools cart.js registers, a sold-out variant is refused in words,
 * Undo on the confirmation card takes it out again, and "take me to it"
 * opens the product page with the conversation going on there. On a
 * retailer's page of its own, its registerTool('add_to_cart') handler gets
 * the checked cart line, and a handler that throws or never answers leaves
 * the shopper a notice and the chat working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, shopPage, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { STOREFRONT_DIST } from '../../packages/gateway/src/node.js';

const CART_KEY = 'contoso-outdoor-cart';
const TENT = 'Basecamp 4 Family Dome Tent';
const JACKET = 'Stormshell Rain Jacket';

let gw: TestGateway;
// A gateway that gives the page 3 s to answer, so a handler that never returns is given up on quickly.
let retailGw: TestGateway;
let retail: PageServer;
let browser: Browser;

/** A retailer's page with its own add_to_cart handler, registered through the queue before the script loads. */
const retailerPage = (handler: string) =>
  shopPage(
    retailGw.url,
    `<script>
      window.calls = [];
      window.ContosoVoice = [
        ['registerTool', 'add_to_cart', ${handler}],
        ['on', 'tool_call', (d) => window.calls.push(d)],
      ];
    </script>`,
  );

beforeAll(async () => {
  if (!browserAvailable) return;
  gw = await startTestGateway({ storefrontDir: STOREFRONT_DIST });
  retailGw = await startTestGateway({ limits: { clientToolTimeoutMs: 3000 } });
  retail = await servePages({
    '/ok': retailerPage(`async (line, call) => {
      window.got = { line, call };
      await new Promise((r) => setTimeout(r, 50));
      return { added: true, cart: { items: [{ product_id: line.product_id, quantity: line.quantity }], total: line.price * line.quantity } };
    }`),
    '/throws': retailerPage(`() => { throw new Error('the cart service is down'); }`),
    '/hangs': retailerPage(`() => new Promise(() => {})`),
  });
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await retail?.close();
  await gw?.close();
  await retailGw?.close();
});

const widget = (page: Page) => page.locator('contoso-voice');
const cart = (page: Page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '[]') as { id: string; variant_id?: string; quantity: number }[], CART_KEY);
const answers = (page: Page, text: RegExp) => widget(page).locator('.msg.assistant:not(.partial)').filter({ hasText: text });

async function openOn(page: Page, url: string) {
  await page.goto(url);
  await widget(page).locator('button.launcher').waitFor();
  await page.evaluate(() => (window as any).ContosoVoice.open());
}

async function ask(page: Page, text: string, answered: RegExp) {
  const before = await answers(page, answered).count();
  const input = widget(page).getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => answers(page, answered).count(), { timeout: 15_000 }).toBeGreaterThan(before);
}

describe.skipIf(!browserAvailable)('shop actions on the storefront', () => {
  it('adds the tent by text: the shop cart count goes up by one, with the right product', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openOn(page, `${gw.url}/`);
    expect(await page.locator('#cart-count').textContent()).toBe('0');
    await ask(page, 'add the Basecamp 4 tent to my cart', /added/i);
    await expect.poll(() => page.locator('#cart-count').textContent()).toBe('1');
    expect(await cart(page)).toEqual([expect.objectContaining({ id: 'tent-basecamp-4', quantity: 1, name: TENT })]);
    // The confirmation card, with Undo.
    const card = widget(page).locator('.added');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toMatch(new RegExp(`${TENT}.*Qty 1.*Added to cart`));
    expect(await card.getByRole('button', { name: `Undo: add ${TENT}` }).count()).toBe(1);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);

  it('adds two of a variant, refuses a sold-out one in words, undoes the add, and takes the shopper to the product', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openOn(page, `${gw.url}/`);
    await ask(page, 'I need a rain jacket', new RegExp(JACKET));
    await ask(page, 'add two of the medium blue ones', /added/i);
    await expect.poll(() => page.locator('#cart-count').textContent()).toBe('2');
    expect(await cart(page)).toEqual([expect.objectContaining({ id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', quantity: 2, variant: 'Blue / M' })]);
    const card = widget(page).locator('.added');
    expect(await card.textContent()).toMatch(/Blue \/ M.*Qty 2.*Added to cart/);

    // Red in medium is sold out: the gateway answers the model itself, and the page never hears of it.
    await ask(page, 'add a red one in medium', /sold out/i);
    expect(await widget(page).locator('.added').count()).toBe(1);
    expect(await page.locator('#cart-count').textContent()).toBe('2');
    expect(await cart(page)).toHaveLength(1);

    // Undo: the shop's remove_from_cart takes it out, and the card says so.
    await card.getByRole('button', { name: `Undo: add ${JACKET}` }).click();
    await expect.poll(() => page.locator('#cart-count').textContent()).toBe('0');
    expect(await cart(page)).toEqual([]);
    await expect.poll(() => card.textContent()).toMatch(/Removed from cart/);
    expect(await card.getByRole('button').count()).toBe(0);
    // The gateway took the undo (a refused one would be a gateway.error on the notice line).
    expect(await widget(page).locator('.notice').count()).toBe(0);

    // "Take me to it": the product's page on the shop, and the conversation goes on there.
    const input = widget(page).getByLabel('Message');
    await input.fill('take me to it');
    await input.press('Enter');
    await page.waitForURL(/\/products\/cloth-stormshell-jacket\.html$/, { timeout: 15_000 });
    await expect.poll(() => widget(page).locator('.panel').count()).toBe(1);
    // The transcript came along, the card still undone.
    expect(await widget(page).locator('.msg.user').filter({ hasText: 'add two of the medium blue ones' }).count()).toBe(1);
    expect(await widget(page).locator('.added').textContent()).toMatch(/Removed from cart/);
    await ask(page, 'What is your returns policy?', /60 days/);
    // The calls replayed to the new page were not run again.
    expect(await cart(page)).toEqual([]);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 90_000);
});

describe.skipIf(!browserAvailable)("shop actions on a retailer's page with its own handler", () => {
  const notLoadErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

  it('gives the handler the checked cart line, and the model answers from its result', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openOn(page, `${retail.url}/ok`);
    await ask(page, 'add the Basecamp 4 tent to my cart', /added/i);
    const got = await page.evaluate(() => (window as any).got);
    expect(got.line).toMatchObject({ product_id: 'tent-basecamp-4', quantity: 1, name: TENT, price: 289, currency: 'USD' });
    expect(typeof got.line.url).toBe('string');
    expect(got.call).toMatchObject({ callId: expect.any(String), name: 'add_to_cart' });
    const calls = await page.evaluate(() => (window as any).calls);
    expect(calls).toEqual([expect.objectContaining({ callId: got.call.callId, name: 'add_to_cart', output: { added: true, cart: { items: [{ product_id: 'tent-basecamp-4', quantity: 1 }], total: 289 } } })]);
    await expect.poll(() => widget(page).locator('.added').count()).toBe(1);
    expect(await widget(page).locator('.notice').count()).toBe(0);
    expect(notLoadErrors(context.consoleErrors)).toEqual([]);
    await context.close();
  }, 60_000);

  for (const [path, why] of [['/throws', 'the cart service is down'], ['/hangs', 'the page took too long']] as const) {
    it(`a handler that ${path.slice(1)}: a notice, words from the model, and the chat goes on`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await openOn(page, `${retail.url}${path}`);
      await ask(page, 'add the Basecamp 4 tent to my cart', /couldn't add|could not add|button/i);
      await expect.poll(() => widget(page).locator('.notice').textContent()).toMatch(/didn't work/i);
      const calls = await page.evaluate(() => (window as any).calls);
      expect(calls).toEqual([expect.objectContaining({ name: 'add_to_cart', error: why })]);
      expect(await widget(page).locator('.added').count()).toBe(0);
      await ask(page, 'What is your returns policy?', /60 days/);
      expect(notLoadErrors(context.consoleErrors)).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
