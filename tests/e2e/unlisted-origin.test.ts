/**
 * A shop page on an origin its site does not list: the gateway refuses the
 * token in words the page can read, and the widget says it cannot connect
 * from this page instead of retrying forever as if the network were down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { bundledDemoSite } from '../../packages/gateway/src/sites/demo-site.js';
import { staticCatalogs } from '../../packages/gateway/src/catalog/static-catalogs.js';
import { DEMO_CATALOG_TEXT } from '../../packages/gateway/src/sites/demo/index.js';

let stack: BrowserStack;
const elsewhere = { ...bundledDemoSite(), access: { allowedOrigins: ['https://shop.example'], publicTokens: true } };

beforeAll(async () => {
  if (browserAvailable) {
    stack = await startBrowserStack((gw) => ({ '/': shopPage(gw) }), {
      gateway: { sites: [elsewhere], catalogs: staticCatalogs([{ site: elsewhere, text: DEMO_CATALOG_TEXT }]) },
    });
  }
});
afterAll(() => stack?.close());

describe.skipIf(!browserAvailable)('a page on an origin the site does not list', () => {
  it('says the assistant cannot connect from this page, and stops asking for tokens', async () => {
    const context = await newContext(stack.browser);
    const page = await context.newPage();
    const tokenRequests: number[] = [];
    page.on('request', (r) => r.url().endsWith('/v1/sessions') && r.method() === 'POST' && tokenRequests.push(Date.now()));
    await page.goto(stack.pages.url);
    const widget = page.locator('contoso-voice');
    await widget.locator('button.launcher').click();
    const input = widget.getByLabel('Message');
    await input.fill('Do you have tents?');
    await input.press('Enter');
    await expect.poll(() => widget.getByText('The assistant cannot connect from this page.').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const refusedAt = tokenRequests.length;
    await page.waitForTimeout(4000);
    expect(tokenRequests.length).toBe(refusedAt);
    expect(refusedAt).toBeLessThanOrEqual(2);
    expect(stack.gw.logs.some((l) => l.event === 'token.refused' && l.fields.code === 'origin_not_allowed' && l.fields.origin === stack.pages.url)).toBe(true);
    await context.close();
  });
});
