/**
 * "An Express app and a Hono app each serve the gateway at /voice with the
 * widget working through it in Chromium", from tarballs only: the apps live
 * in a fresh project outside the repository with the gateway and widget
 * tarballs, express and hono from the registry, and serve the widget's
 * script-tag build from its package. Each page holds a typed conversation
 * with the local engine over the bundled demo site; the Express app also has
 * a site with publicTokens false whose page gets its tokens from the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, launchBrowser, newContext } from '../../packages/widget/test/helpers/browser.js';
import { makeConsumerProject, npmAvailable, type ConsumerProject } from './consumer-project.js';
import { startShopApp, type RunningShopApp } from './shop-app.js';

const hasNpm = await npmAvailable();
if (!hasNpm) console.warn('\n*** tests/packaging (served widget) SKIPPED: npm is not on the PATH, so the packages cannot be packed and installed. ***\n');

const widget = (p: Page) => p.locator('contoso-voice');

/** Opens the panel, types a question, and waits for the answer's product cards. */
async function askForTents(p: Page): Promise<void> {
  await p.waitForFunction(() => (window as unknown as { ContosoVoice?: { open?: unknown } }).ContosoVoice?.open);
  await p.evaluate(() => (window as unknown as { ContosoVoice: { open(): void } }).ContosoVoice.open());
  const input = widget(p).getByLabel('Message');
  await input.fill('I need a tent for four people');
  await input.press('Enter');
  await expect.poll(() => widget(p).locator('.card').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => widget(p).locator('.msg.assistant').count()).toBeGreaterThan(0);
  expect(await widget(p).locator('.status').textContent()).toBe('Connected');
}

describe.skipIf(!hasNpm || !browserAvailable)('the widget through a gateway mounted at /voice, from the tarballs', () => {
  let project: ConsumerProject;
  let browser: Browser;
  const apps: RunningShopApp[] = [];

  beforeAll(async () => {
    [project, browser] = await Promise.all([
      makeConsumerProject({
        packages: ['protocol', 'gateway', 'widget'],
        files: 'shop-apps',
        nodeTypes: false,
        fromRegistry: ['express@^5', 'hono@^4.13.19', '@hono/node-server@^2.1.9'],
      }),
      launchBrowser(),
    ]);
  }, 150_000);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await browser?.close();
    project?.remove();
  });

  /** Runs one of the project's apps, stopped after all tests. */
  async function run(script: string): Promise<RunningShopApp> {
    const app = await startShopApp(project.dir, script);
    apps.push(app);
    return app;
  }

  it.each(['express-shop.mjs', 'hono-shop.mjs'])('%s: a typed question gets an answer with product cards', async (script) => {
    const app = await run(script);
    const context = await newContext(browser);
    const p = await context.newPage();
    const requested: string[] = [];
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(app.url);
    await askForTents(p);
    // The widget came from the app's own copy of the package, and talked to the gateway under /voice only.
    expect(requested).toContain('/shop-assets/widget.js');
    // The loader fetched the app chunk from beside itself.
    expect(requested).toContain('/shop-assets/chunks/app.js');
    expect(requested).toContain('/voice/v1/sessions');
    expect(requested.filter((path) => path.startsWith('/v1/'))).toEqual([]);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 40_000);

  it('express-shop.mjs: a site with publicTokens false gets its tokens from the shop’s backend through getToken', async () => {
    const app = apps.find((a) => a.script === 'express-shop.mjs') ?? (await run('express-shop.mjs'));
    // The gateway itself mints nothing for this site: only the shop's backend, with the site secret, can.
    const refused = await fetch(`${app.url}/voice/v1/sessions`, { method: 'POST', headers: { origin: app.url }, body: JSON.stringify({ site: 'outfitters' }) });
    expect(refused.status).toBe(403);
    const context = await newContext(browser);
    const p = await context.newPage();
    await p.goto(`${app.url}/outfitters`);
    await askForTents(p);
    const { minted } = (await (await fetch(`${app.url}/voice-token/count`)).json()) as { minted: number };
    expect(minted).toBeGreaterThanOrEqual(1);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 40_000);
});
