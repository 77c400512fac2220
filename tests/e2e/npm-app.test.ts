/**
 * The npm-app example: a page built with esbuild from the workspace package's
 * headless entry, drawing its own interface from the nanostores atoms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { demoCatalog } from '../../packages/gateway/src/sites/demo/catalog.js';

const DIST = fileURLToPath(new URL('../../examples/npm-app/dist/', import.meta.url));
let gw: TestGateway;
let pages: PageServer;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  gw = await startTestGateway();
  pages = await servePages({
    '/': readFileSync(`${DIST}index.html`, 'utf8'),
    '/app.js': { body: readFileSync(`${DIST}app.js`, 'utf8'), type: 'text/javascript' },
  });
  browser = await launchBrowser({});
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await gw?.close();
});

describe.skipIf(!browserAvailable)('the npm-app example', () => {
  it('connects, and renders a grounded answer and cards in its own UI, with no widget UI on the page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${pages.url}/?gateway=${encodeURIComponent(gw.url)}`);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toBe('open');
    await page.fill('#text', 'Show me sleeping bags for winter');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('#cards li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const cards = await page.locator('#cards li').allTextContents();
    expect(cards.every((c) => demoCatalog.some((p) => p.category === 'sleeping-bags' && c.startsWith(p.name)))).toBe(true);
    await expect.poll(() => page.locator('#messages li.assistant').last().textContent(), { timeout: 10_000 }).toMatch(/I'd suggest the .*Sleeping Bag/);
    expect(await page.locator('contoso-voice').count()).toBe(0);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });
});
