/**
 * The npm-app example: a page built with esbuild from the workspace package's
 * headless entry, drawing its own interface from the nanostores atoms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { demoCatalog, inCategory } from '../../packages/gateway/test/helpers/demo-catalog.js';

const DIST = fileURLToPath(new URL('../../examples/npm-app/dist/', import.meta.url));
let stack: BrowserStack;

beforeAll(async () => {
  if (!browserAvailable) return;
  stack = await startBrowserStack(() => ({
    '/': readFileSync(`${DIST}index.html`, 'utf8'),
    '/app.js': { body: readFileSync(`${DIST}app.js`, 'utf8'), type: 'text/javascript' },
  }));
});
afterAll(() => stack?.close());

describe.skipIf(!browserAvailable)('the npm-app example', () => {
  it('connects, and renders a grounded answer and cards in its own UI, with no widget UI on the page', async () => {
    const context = await newContext(stack.browser);
    const page = await context.newPage();
    await page.goto(`${stack.pages.url}/?gateway=${encodeURIComponent(stack.gw.url)}`);
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 10_000 }).toBe('open');
    await page.fill('#text', 'Show me sleeping bags for winter');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('#cards li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const cards = await page.locator('#cards li').allTextContents();
    expect(cards.every((c) => demoCatalog.some((p) => inCategory(p, 'Sleeping bags') && c.startsWith(p.name)))).toBe(true);
    await expect.poll(() => page.locator('#messages li.assistant').last().textContent(), { timeout: 10_000 }).toMatch(/I'd suggest the .*Sleeping Bag/);
    expect(await page.locator('contoso-voice').count()).toBe(0);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });
});
