/**
 * The script tag's loader in Chromium: the first paint fetches widget.js and
 * nothing else, the launcher's click brings the app chunk and opens the
 * panel, the page's calls made before that run in order afterwards, a
 * restored panel loads at once, data-preload="idle" loads unasked, and an app
 * chunk that 404s leaves a message and a launcher that retries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';

const DIST = fileURLToPath(new URL('../../packages/widget/dist/iife/', import.meta.url));
const js = (file: string) => ({ body: readFileSync(DIST + file, 'utf8'), type: 'text/javascript' });

let gw: TestGateway;
let pages: PageServer;
/** The shop's own copy of the widget files (/own/…), for the 404: the app chunk is added once the test says so. */
let own: Record<string, string | { body: string; type: string }>;
let browser: Browser;

const page = (head: string, body: string, html = '<html lang="en">') =>
  `<!doctype html>${html}<head><meta charset="utf-8"><title>Shop</title>${head}</head><body><h1>Shop</h1>${body}</body></html>`;

beforeAll(async () => {
  if (!browserAvailable) return;
  gw = await startTestGateway();
  const tag = (extra = '') => `<script async src="${gw.url}/widget.js" data-site="demo" ${extra}></script>`;
  own = {
    '/': page('', tag()),
    '/rtl': page('', tag(), '<html lang="en" dir="rtl">'),
    '/idle': page('', tag('data-preload="idle"')),
    // The page queues calls before the script runs, the way the README shows.
    '/queued': page(
      `<script>
        window.log = [];
        window.ContosoVoice = [
          ['on', 'open', () => log.push('open')],
          ['on', 'close', () => log.push('close')],
          ['setContext', { page: { title: 'Tents' } }],
        ];
      </script>`,
      tag(),
    ),
    '/own': page('', `<script async src="/own/widget.js" data-site="demo" data-gateway="${gw.url}"></script>`),
    '/own/widget.js': js('widget.js'),
  };
  pages = await servePages(own);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await gw?.close();
});

const widget = (p: Page) => p.locator('contoso-voice');
const launcher = (p: Page) => widget(p).locator('button.launcher');

/** Every URL the page requests, in order, from the moment it is called. */
function requests(p: Page): string[] {
  const seen: string[] = [];
  p.on('request', (r) => seen.push(r.url()));
  p.on('websocket', (ws) => seen.push(ws.url()));
  return seen;
}
const appChunk = (seen: string[]) => seen.filter((u) => u.includes('/chunks/app.js'));

describe.skipIf(!browserAvailable)('the lazy loader', () => {
  it('paints the launcher with widget.js alone, and loads the app and opens the panel on the first click', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const seen = requests(p);
    await p.goto(`${pages.url}/`);
    await expect.poll(() => launcher(p).count()).toBe(1);
    await p.waitForLoadState('networkidle');
    // Only the page and the loader: no app chunk, no worklet, no token, no socket.
    expect(seen.filter((u) => u.startsWith(gw.url))).toEqual([`${gw.url}/widget.js`]);
    expect(await launcher(p).getAttribute('aria-expanded')).toBe('false');
    expect(await launcher(p).getAttribute('aria-label')).toBe('Shopping assistant');
    const before = (await launcher(p).boundingBox())!;
    expect(before.width).toBeGreaterThanOrEqual(44);
    expect(before.height).toBeGreaterThanOrEqual(44);

    await launcher(p).click();
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    expect(appChunk(seen)).toHaveLength(1);
    // The app's launcher took the loader's place: one button, in the same box, saying the panel is open.
    expect(await launcher(p).count()).toBe(1);
    expect(await launcher(p).getAttribute('aria-expanded')).toBe('true');
    expect(await launcher(p).boundingBox()).toEqual(before);
    // Opening the panel asks for no microphone: the worklet comes only with voice.
    expect(seen.some((u) => u.includes('/worklets/'))).toBe(false);
    await launcher(p).click();
    await expect.poll(() => widget(p).locator('.panel').count()).toBe(0);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });

  it('keeps the launcher in its physical corner on a right-to-left page, and reachable by keyboard', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const seen = requests(p);
    await p.goto(`${pages.url}/rtl`);
    await expect.poll(() => launcher(p).count()).toBe(1);
    const box = (await launcher(p).boundingBox())!;
    const width = await p.evaluate(() => document.documentElement.clientWidth);
    expect(width - (box.x + box.width)).toBeLessThan(40);
    // Tab reaches it (the focus preloads the app), Enter opens the panel.
    await p.keyboard.press('Tab');
    await expect.poll(() => p.evaluate(() => document.activeElement?.tagName)).toBe('CONTOSO-VOICE');
    await expect.poll(() => appChunk(seen).length, { timeout: 10_000 }).toBe(1);
    await p.keyboard.press('Enter');
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    const after = (await launcher(p).boundingBox())!;
    expect(after.x + after.width).toBeCloseTo(box.x + box.width, 0);
    await context.close();
  });

  it('runs the calls the page made before the app, in order, with on() listeners that hear events after the load', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const seen = requests(p);
    await p.goto(`${pages.url}/queued`);
    await expect.poll(() => launcher(p).count()).toBe(1);
    // The API is the loader's: calls queue, and the ones that return something return at once.
    const early = await p.evaluate(() => {
      const cv = (window as any).ContosoVoice;
      const off = cv.on('open', () => (window as any).log.push('dropped listener'));
      off();
      cv.push(['close']);
      cv.push(['nonsense']);
      return { off: typeof off, conversationId: cv.conversationId() };
    });
    expect(early).toEqual({ off: 'function', conversationId: null });
    expect(appChunk(seen)).toEqual([]);
    // sendText needs the app: it loads it, opens the panel and sends, after everything queued before it.
    await p.evaluate(() => (window as any).ContosoVoice.sendText('I need a tent for four people'));
    await expect.poll(() => widget(p).locator('.card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await widget(p).locator('.panel').textContent()).toContain('I need a tent for four people');
    expect(await p.evaluate(() => (window as any).log)).toEqual(['open']);
    // After the load the same object runs calls at once.
    await p.evaluate(() => (window as any).ContosoVoice.close());
    expect(await p.evaluate(() => (window as any).log)).toEqual(['open', 'close']);
    expect(await p.evaluate(() => typeof (window as any).ContosoVoice.conversationId())).toBe('string');
    await context.close();
  });

  it('loads at once when the last page left the panel open, and shows it without a click', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${pages.url}/`);
    await launcher(p).click();
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    const seen = requests(p);
    const started = Date.now();
    await p.goto(`${pages.url}/`);
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    const shownMs = Date.now() - started;
    console.log(`restored panel shown ${shownMs} ms after navigation`);
    expect(appChunk(seen)).toHaveLength(1);
    expect(shownMs).toBeLessThan(3000);
    await context.close();
  });

  it('loads when idle after the page with data-preload="idle"', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const seen = requests(p);
    await p.goto(`${pages.url}/idle`);
    await expect.poll(() => appChunk(seen).length, { timeout: 10_000 }).toBe(1);
    expect(await widget(p).locator('.panel').count()).toBe(0);
    await launcher(p).click();
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    expect(appChunk(seen)).toHaveLength(1);
    await context.close();
  });

  it('says so in the launcher area and warns with the URL when the app chunk cannot load, and retries on the next click', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const warnings: string[] = [];
    p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await p.goto(`${pages.url}/own`);
    await launcher(p).click();
    const note = widget(p).locator('.launcher-note');
    await expect.poll(() => note.count(), { timeout: 10_000 }).toBe(1);
    expect(await note.textContent()).toMatch(/could not load/i);
    expect(await note.getAttribute('role')).toBe('alert');
    expect(await launcher(p).getAttribute('aria-expanded')).toBe('false');
    expect(warnings.some((w) => w.includes(`${pages.url}/own/chunks/app.js`))).toBe(true);

    // The shop puts the chunks in place; the next click finds them.
    for (const f of readdirSync(`${DIST}chunks`).filter((f) => f.endsWith('.js'))) own[`/own/chunks/${f}`] = js(`chunks/${f}`);
    await launcher(p).click();
    await expect.poll(() => widget(p).locator('.panel').count(), { timeout: 10_000 }).toBe(1);
    expect(await note.count()).toBe(0);
    await context.close();
  });
});
