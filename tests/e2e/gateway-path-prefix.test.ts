/**
 * The gateway mounted under a path prefix (`http://shop/voice`, behind a
 * reverse proxy that strips it): the widget keeps the path for the session
 * token, the socket, the app chunk and the worklet module, whether the prefix comes from
 * data-gateway or from the script's own URL. A gateway option with a query
 * is refused, naming the option.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { servePages, type PageServer } from '../../packages/widget/test/helpers/page-server.js';
import { startPathPrefixProxy, type PathPrefixProxy } from '../../packages/widget/test/helpers/path-prefix-proxy.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';

let gw: TestGateway;
let proxy: PathPrefixProxy;
let pages: PageServer;
let browser: Browser;

const shop = (script: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
<body><h1>Shop</h1>${script}</body></html>`;

beforeAll(async () => {
  if (!browserAvailable) return;
  gw = await startTestGateway();
  proxy = await startPathPrefixProxy('/voice', gw);
  const base = `${proxy.url}/voice`;
  pages = await servePages({
    // No data-gateway: the gateway is where the script came from, /voice.
    '/': shop(`<script async src="${base}/widget.js" data-site="demo"></script>`),
    // data-gateway with a trailing slash, and the script from the same mount.
    '/slash': shop(`<script async src="${base}/widget.js" data-site="demo" data-gateway="${base}/"></script>`),
    // A query string in the option: refused, even though the gateway itself is reachable there.
    '/query': shop(`<script async src="${gw.url}/widget.js" data-site="demo" data-gateway="${gw.url}/?site=demo"></script>`),
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await proxy?.close();
  await gw?.close();
});

const widget = (p: Page) => p.locator('contoso-voice');
/**
 * What the widget itself asked for outside the mount. Card images are left out: their URLs come whole from the
 * gateway (its publicOrigin, or the request's origin), and a gateway behind a proxy that strips a prefix writes them
 * without it; that is the gateway's setting, not the widget's.
 */
const outsideMount = () => proxy.seen.filter((r) => !r.includes(' /voice/') && !r.startsWith('GET /v1/catalog/images/'));

async function converse(p: Page) {
  await p.evaluate(() => (window as any).ContosoVoice.open());
  const input = widget(p).getByLabel('Message');
  await input.fill('I need a tent for four people');
  await input.press('Enter');
  await expect.poll(() => widget(p).locator('.card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await widget(p).locator('.status').textContent()).toBe('Connected');
}

describe.skipIf(!browserAvailable)('a gateway under a path prefix', () => {
  it('keeps /voice for the token, the socket and the worklet when the script comes from there', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    proxy.seen.length = 0;
    await p.goto(pages.url);
    await converse(p);
    // The microphone starts only once the worklet module has loaded from the mount.
    await widget(p).locator('button.mic').click();
    await expect.poll(() => widget(p).locator('button.mic').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect(proxy.seen).toContain('POST /voice/v1/sessions');
    expect(proxy.seen.some((r) => r.startsWith('GET /voice/v1/realtime?site=demo&audio=binary&token='))).toBe(true);
    expect(proxy.seen).toContain('GET /voice/worklets/audio.js');
    expect(proxy.seen).toContain('GET /voice/chunks/app.js');
    expect(outsideMount()).toEqual([]);
    await context.close();
  });

  it('takes data-gateway with a path and a trailing slash', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    proxy.seen.length = 0;
    await p.goto(`${pages.url}/slash`);
    await converse(p);
    expect(proxy.seen).toContain('POST /voice/v1/sessions');
    expect(outsideMount()).toEqual([]);
    expect(proxy.seen.filter((r) => r.includes('//'))).toEqual([]);
    await context.close();
  });

  it('refuses a gateway option with a query, naming the option, and stays unavailable', async () => {
    const context = await newContext(browser);
    const p = await context.newPage();
    const warnings: string[] = [];
    p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await p.goto(`${pages.url}/query`);
    await p.waitForFunction(() => (window as any).ContosoVoice?.setContext);
    await p.evaluate(() => (window as any).ContosoVoice.sendText('Hello?'));
    await expect.poll(() => widget(p).locator('.status').textContent()).toBe('Unavailable');
    expect(await widget(p).locator('.notice').textContent()).toBe('The assistant cannot connect from this page.');
    expect(warnings.some((w) => w.includes('ContosoVoice: gateway') && w.includes('?site=demo') && w.includes('no ?query'))).toBe(true);
    // Nothing was sent anywhere: the typed question is still in the panel, not lost, and marked as not sent.
    expect(await widget(p).locator('.msg.user').allTextContents()).toEqual(['Hello?Not sent yet: waiting for the connection']);
    await context.close();
  });
});
