/**
 * What the shopper sees at every moment, in Chromium against the gateway on
 * a slowed local engine, with the fake microphone playing a spoken fixture:
 * the panel opens on text without asking for the microphone; the in-panel
 * mic shows listening and the shopper speaking with the fixture's speech,
 * thinking until the answer's first word, and speaking while it plays; the
 * answer's transcript streams; the mic turns off while the assistant talks;
 * notices name their cause and go when they stop being true; a message
 * typed offline waits, marked, and goes; over-long text is counted, not cut.
 * A screenshot of each state goes to test-artifacts/widget-states/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { startTestGateway, type TestGateway } from '../../packages/gateway/test/helpers/gateway.js';
import { AUDIO_DIR, manifest } from '../../packages/gateway/test/helpers/wav.js';
import { localUpstream } from '../../packages/gateway/src/upstream/local/index.js';

const FIXTURE = 'tent-for-four.wav';
const SHOTS = fileURLToPath(new URL('../../test-artifacts/widget-states/', import.meta.url));
// How long the slowed engine takes before it starts a typed answer: long enough to see, and to photograph, "thinking".
const PREPARE_MS = 1500;

let stack: BrowserStack;
// A gateway whose sessions end after a short idle time, and one the test stops and starts again.
let idleGw: TestGateway;
let flakyGw: TestGateway;

const withVoice = (gateway: string, mode: string) => shopPage(gateway).replace('data-site="demo"', `data-site="demo" data-voice="${mode}"`);

beforeAll(async () => {
  if (!browserAvailable) return;
  mkdirSync(SHOTS, { recursive: true });
  const upstream = localUpstream({
    tickMs: 120,
    onEngine(engine) {
      const handle = engine.handle;
      engine.handle = (e) => (e.type === 'response.create' ? void setTimeout(() => handle(e), PREPARE_MS) : handle(e));
    },
  });
  idleGw = await startTestGateway({ limits: { idleTimeoutMs: 3000 } as never });
  flakyGw = await startTestGateway();
  stack = await startBrowserStack(
    (gw) => ({
      '/': shopPage(gw),
      '/text-only': withVoice(gw, 'off'),
      '/voice-first': withVoice(gw, 'first'),
      '/idle': shopPage(idleGw.url),
      '/flaky': shopPage(flakyGw.url),
    }),
    { microphone: `${AUDIO_DIR}${FIXTURE}`, gateway: { upstream } },
  );
});
afterAll(async () => {
  await stack?.close();
  await idleGw?.close();
  await flakyGw?.close();
});

/** A page whose getUserMedia calls are counted and whose streams are kept, to see that capture really stopped. */
async function openShop(path = '/', { appFirst = false } = {}) {
  const context = await newContext(stack.browser);
  await context.addInitScript(() => {
    const w = window as any;
    w.__mics = [];
    const md = navigator.mediaDevices;
    const real = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      const stream = await real(c);
      w.__mics.push(stream);
      return stream;
    };
  });
  const page = await context.newPage();
  await page.goto(stack.pages.url + path);
  const widget = page.locator('contoso-voice');
  if (appFirst) {
    // Hovering fetches the app; the click then lands on its launcher, inside which voice can start.
    await widget.locator('button.launcher').hover();
    await page.waitForFunction(() => (globalThis as any).__contosoVoiceAssistants?.size > 0);
  }
  await widget.locator('button.launcher').click();
  await widget.locator('.panel').waitFor();
  await page.evaluate(() => {
    const w = window as any;
    w.__assistant = [...(globalThis as any).__contosoVoiceAssistants.values()][0];
    // Every state the panel went through, with when.
    w.__states = [];
    w.__assistant.$voice.subscribe((v: string) => w.__states.push({ v, t: performance.now() }));
  });
  return { context, page, widget, mic: widget.locator('button.mic') };
}

const mics = (page: Page) => page.evaluate(() => (window as any).__mics.length as number);
const micsLive = (page: Page) => page.evaluate(() => ((window as any).__mics as MediaStream[]).flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length);
const states = (page: Page) => page.evaluate(() => ((window as any).__states as { v: string }[]).map((s) => s.v));
const voice = (page: Page) => page.evaluate(() => (window as any).__assistant.$voice.get() as string);

async function shot(page: Page, name: string) {
  const path = `${SHOTS}${name}.png`;
  await page.screenshot({ path });
  console.log(`widget state screenshot: ${path}`);
}

async function type(page: Page, text: string) {
  const input = page.locator('contoso-voice').getByLabel('Message');
  await input.fill(text);
  await input.press('Enter');
}

describe.skipIf(!browserAvailable)('live states', () => {
  it('opens on text without asking for the microphone; typed, the answer shows thinking and then streams', async () => {
    const { context, page, widget, mic } = await openShop();
    await expect.poll(() => widget.locator('.status').textContent(), { timeout: 10_000 }).toBe('Connected');
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(await widget.locator('.live').count()).toBe(0);
    await shot(page, 'idle');

    await type(page, 'What is your returns policy?');
    // The slowed engine has not begun: the panel says it is thinking.
    await expect.poll(() => widget.locator('.live.thinking').textContent(), { timeout: 1000 }).toBe('Thinking…');
    await shot(page, 'thinking');
    // The answer streams: part of it is there while it is still being written, then all of it, and thinking is over.
    await expect.poll(() => widget.locator('.msg.assistant.partial').count(), { timeout: PREPARE_MS + 5000 }).toBe(1);
    const partial = (await widget.locator('.msg.assistant.partial').textContent())!;
    expect(partial.length).toBeGreaterThan(0);
    expect(await widget.locator('.live').count()).toBe(0);
    await expect.poll(() => widget.locator('.msg.assistant:not(.partial)').filter({ hasText: '60 days' }).count(), { timeout: 15_000 }).toBe(1);
    const full = (await widget.locator('.msg.assistant').filter({ hasText: '60 days' }).textContent())!;
    expect(full.startsWith(partial.trim())).toBe(true);
    expect(full.length).toBeGreaterThan(partial.length);
    // Opening the panel and typing asked for no microphone.
    expect(await mics(page)).toBe(0);
    expect((await states(page)).slice(-2)).toEqual(['thinking', 'idle']);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 30_000);

  it("listens, hears the shopper, thinks and speaks with the fixture's speech; the mic turns off while the assistant talks", async () => {
    const { context, page, widget, mic } = await openShop();
    await mic.click();
    await expect.poll(() => mics(page)).toBe(1);
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => widget.locator('.live.listening').textContent(), { timeout: 5000 }).toBe('Listening…');
    await shot(page, 'listening');
    // The fixture speaks from 1.0 s to 2.7 s: the service's VAD reports it and the panel follows.
    await expect.poll(() => widget.locator('.live.user_speaking').count(), { timeout: 5000 }).toBe(1);
    await expect.poll(() => voice(page), { timeout: 8000 }).toBe('assistant_speaking');
    expect(await widget.locator('.live').textContent()).toBe('Speaking…');
    // A tap while the assistant speaks: the button is off at once and the microphone is closed; the answer plays on.
    await mic.click();
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(await micsLive(page)).toBe(0);
    expect(await voice(page)).toBe('assistant_speaking');
    // The orb is driven by the answer's level while it plays.
    await expect.poll(() => widget.locator('.live .orb').evaluate((el) => Number(getComputedStyle(el).getPropertyValue('--level'))), { timeout: 3000 }).toBeGreaterThan(0);
    await shot(page, 'speaking');
    const seen = await states(page);
    const order = ['listening', 'user_speaking', 'thinking', 'assistant_speaking'].map((s) => seen.indexOf(s));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    const m = manifest[FIXTURE]!;
    const times = await page.evaluate(() => (window as any).__states as { v: string; t: number }[]);
    const spoke = times.find((s) => s.v === 'user_speaking')!.t - times.find((s) => s.v === 'listening')!.t;
    // From the microphone opening to the speech heard: the fixture's silence before it, give or take capture start-up.
    expect(spoke).toBeGreaterThan(m.speech_start_s * 1000 - 600);
    expect(spoke).toBeLessThan(m.speech_start_s * 1000 + 1500);

    await expect.poll(() => voice(page), { timeout: 20_000 }).toBe('idle');
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    // A tap turns it on again: the button follows the microphone in every state.
    await mic.click();
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => micsLive(page)).toBe(1);
    await mic.click();
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 45_000);

  it('a site chooses: text only has no mic button; voice first starts the microphone with the opening click', async () => {
    const textOnly = await openShop('/text-only');
    expect(await textOnly.mic.count()).toBe(0);
    await type(textOnly.page, 'What is your returns policy?');
    await expect.poll(() => textOnly.widget.locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await mics(textOnly.page)).toBe(0);
    await textOnly.context.close();

    const voiceFirst = await openShop('/voice-first', { appFirst: true });
    await expect.poll(() => mics(voiceFirst.page)).toBe(1);
    await expect.poll(() => voiceFirst.mic.getAttribute('aria-pressed')).toBe('true');
    await voiceFirst.context.close();
  }, 30_000);

  it('names a missing microphone, and lets the notice go once the shopper types instead; Escape gives the focus back to the launcher', async () => {
    const { context, page, widget, mic } = await openShop();
    await page.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    });
    await mic.click();
    await expect.poll(() => widget.locator('.notice').textContent()).toBe('No microphone was found. You can type instead.');
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    // Voice could not start: the text box has the focus.
    expect(await page.evaluate(() => document.querySelector('contoso-voice')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Message');
    await type(page, 'Do you sell headlamps?');
    await expect.poll(() => widget.locator('.notice').count()).toBe(0);

    await widget.getByLabel('Message').press('Escape');
    await expect.poll(() => widget.locator('.panel').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelector('contoso-voice')!.shadowRoot!.activeElement?.classList.contains('launcher'))).toBe(true);
    await context.close();
  }, 30_000);

  it('the idle notice goes with the next answer', async () => {
    const { context, widget, page } = await openShop('/idle');
    await expect.poll(() => widget.locator('.notice').textContent(), { timeout: 10_000 }).toMatch(/idle/);
    await type(page, 'What is your returns policy?');
    await expect.poll(() => widget.locator('.msg.assistant').filter({ hasText: '60 days' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await widget.locator('.notice').count()).toBe(0);
    await context.close();
  }, 30_000);

  it('a message typed while offline is marked not sent, then goes when the gateway is back', async () => {
    const { context, widget, page } = await openShop('/flaky');
    await expect.poll(() => widget.locator('.status').textContent(), { timeout: 10_000 }).toBe('Connected');
    const port = flakyGw.port;
    await flakyGw.close();
    await expect.poll(() => widget.locator('.notice').textContent(), { timeout: 5000 }).toBe('Connection lost. Reconnecting…');
    await type(page, 'Do you sell headlamps?');
    const question = widget.locator('.msg.user').filter({ hasText: 'Do you sell headlamps?' });
    await expect.poll(() => question.getAttribute('class')).toContain('pending');
    expect(await question.textContent()).toContain('Not sent yet');
    flakyGw = await startTestGateway({ port });
    await expect.poll(() => widget.locator('.msg.assistant').filter({ hasText: /Headlamp|Head Torch/ }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await question.getAttribute('class')).not.toContain('pending');
    expect(await widget.locator('.notice').count()).toBe(0);
    expect(await question.count()).toBe(1);
    await context.close();
  }, 40_000);

  it('counts over-long text and refuses it rather than cutting it', async () => {
    const { context, widget } = await openShop();
    const input = widget.getByLabel('Message');
    const long = 'tent '.repeat(600).trim();
    await input.fill(long);
    expect(await widget.locator('.count').textContent()).toBe(`${long.length.toLocaleString('en')} of 2,000 characters: too long to send. Please shorten it.`);
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await input.press('Enter');
    // Nothing went, and nothing was cut: the shopper still has every character.
    expect(await widget.locator('.msg.user').count()).toBe(0);
    expect((await input.inputValue()).length).toBe(long.length);
    await input.fill(long.slice(0, 1904));
    expect(await widget.locator('.count').textContent()).toBe('1,904 of 2,000 characters');
    await input.press('Enter');
    await expect.poll(() => widget.locator('.msg.user').count()).toBe(1);
    expect(await widget.locator('.count').count()).toBe(0);
    await context.close();
  }, 30_000);
});
