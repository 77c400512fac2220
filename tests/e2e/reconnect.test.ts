/**
 * The gateway restarts mid-conversation: the widget says it is reconnecting,
 * comes back, keeps the transcript, and sends no microphone audio that was
 * captured while the socket was down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { startTestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { AUDIO_DIR } from '../../packages/gateway/test/helpers/wav.js';

let stack: BrowserStack;

beforeAll(async () => {
  if (browserAvailable) stack = await startBrowserStack((gw) => ({ '/': shopPage(gw) }), { microphone: `${AUDIO_DIR}long-question.wav` });
});
afterAll(() => stack?.close());

describe.skipIf(!browserAvailable)('a gateway restart', () => {
  it('shows reconnecting, comes back with the transcript, and sends no stale audio', async () => {
    const context = await newContext(stack.browser);
    const page = await context.newPage();
    await page.goto(stack.pages.url);
    const widget = page.locator('contoso-voice');
    // The panel opens on text; voice starts from its mic button.
    await widget.locator('button.launcher').click();
    await widget.locator('button.mic').click();
    await expect.poll(() => widget.locator('button.mic').getAttribute('aria-pressed')).toBe('true');
    const input = widget.getByLabel('Message');
    await input.fill('What is your returns policy?');
    await input.press('Enter');
    await expect.poll(() => widget.locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 10_000 }).toBe(1);

    const port = stack.gw.port;
    await stack.gw.close();
    await expect.poll(() => widget.locator('.status').textContent(), { timeout: 5000 }).toBe('Reconnecting…');
    // The microphone keeps capturing for two seconds while there is no socket.
    await page.waitForTimeout(2000);
    stack.gw = await startTestGateway({ port });
    await expect.poll(() => widget.locator('.status').textContent(), { timeout: 20_000 }).toBe('Connected');
    const engine = stack.gw.engines.at(-1)!;
    const openedAt = Date.now();
    await page.waitForTimeout(300);
    const audioMs = engine.inspect().audioBytes / 48;
    const elapsed = Date.now() - openedAt + 100;
    // Real-time capture delivers at most about as much audio as time went by; a backlog from the outage would be 2 s more.
    expect(audioMs).toBeLessThanOrEqual(elapsed + 200);
    expect(await widget.locator('.msg.user').filter({ hasText: 'What is your returns policy?' }).count()).toBe(1);
    expect(await widget.locator('.msg.assistant').filter({ hasText: '60 days' }).count()).toBe(1);
    await input.fill('Do you have lanterns?');
    await input.press('Enter');
    await expect.poll(() => widget.locator('.card').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
