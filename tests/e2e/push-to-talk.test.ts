/**
 * Push-to-talk in Chromium, with the fake microphone playing a spoken
 * fixture, against the gateway on the local engine: held, the mic button
 * turns the service's turn detection off and says "Release to send"; let go,
 * the audio is one committed turn and it is answered. A tap is still
 * hands-free, and after a hold it gives the turns back to the service's VAD.
 * The mic button is the panel's: the launcher opens the panel first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { AUDIO_DIR } from '../../packages/gateway/test/helpers/wav.js';
import { localUpstream } from '../../packages/gateway/src/upstream/local/index.js';

const FIXTURE = 'tent-for-four.wav';
let stack: BrowserStack;
// What each local engine was sent by the gateway, by session, in order.
const told = new Map<string, { type: string; [k: string]: any }[]>();

beforeAll(async () => {
  if (!browserAvailable) return;
  const upstream = localUpstream({
    onEngine(engine, sessionId) {
      const seen: { type: string }[] = [];
      told.set(sessionId, seen);
      const handle = engine.handle;
      engine.handle = (e) => (seen.push(structuredClone(e)), handle(e));
    },
  });
  stack = await startBrowserStack((gw) => ({ '/': shopPage(gw) }), { microphone: `${AUDIO_DIR}${FIXTURE}`, gateway: { upstream } });
});
afterAll(() => stack?.close());

async function openShop() {
  const context = await newContext(stack.browser);
  const page = await context.newPage();
  await page.goto(stack.pages.url);
  // Listening before the launcher is clicked (the loader queues the call): opening the panel connects at once, and
  // a listener added after it could miss gateway.session.
  await page.evaluate(() => {
    const w = window as any;
    w.__log = [];
    w.ContosoVoice.on('event', (e: any) => w.__log.push(e));
  });
  await page.locator('contoso-voice button.launcher').click();
  await page.locator('contoso-voice button.mic').waitFor();
  await page.evaluate(() => {
    (window as any).__assistant = [...(globalThis as any).__contosoVoiceAssistants.values()][0];
  });
  return { context, page, mic: page.locator('contoso-voice button.mic') };
}

const log = (page: Page) => page.evaluate(() => (window as any).__log as any[]);
const count = async (page: Page, type: string) => (await log(page)).filter((e) => e.type === type).length;
const voice = (page: Page) => page.evaluate(() => (window as any).__assistant.$voice.get() as string);
const sessionOf = async (page: Page) => (await log(page)).find((e) => e.type === 'gateway.session').session_id as string;
const turnDetections = (sessionId: string) =>
  (told.get(sessionId) ?? []).filter((e) => e.type === 'session.update' && e.session?.audio?.input && 'turn_detection' in e.session.audio.input).map((e) => e.session.audio.input.turn_detection);

async function hold(page: Page, ms: number) {
  const box = (await page.locator('contoso-voice button.mic').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  // Held: the microphone starts, the session opens, and then the audio goes.
  await expect.poll(() => voice(page), { timeout: 10_000 }).toBe('user_speaking');
  await page.waitForTimeout(ms);
}

describe.skipIf(!browserAvailable)('push-to-talk', () => {
  it('hold, speak, release: turn detection off, one committed turn, one answer', async () => {
    const { context, page, mic } = await openShop();
    await hold(page, 1500);
    expect(await mic.getAttribute('aria-label')).toBe('Release to send');
    expect(await mic.getAttribute('aria-pressed')).toBe('true');
    await page.mouse.up();
    await expect.poll(() => count(page, 'response.done'), { timeout: 15_000 }).toBe(1);
    // Nothing more comes: the fixture keeps playing into the open microphone, but nothing is sent between holds.
    await page.waitForTimeout(1500);
    const events = await log(page);
    const sessionId = await sessionOf(page);

    expect(events.filter((e) => e.type === 'input_audio_buffer.committed')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'response.created')).toHaveLength(1);
    // The service's VAD took no turn: the shopper's release did.
    expect(events.filter((e) => e.type === 'input_audio_buffer.speech_started')).toEqual([]);
    expect(events.filter((e) => e.type === 'error' || e.type === 'gateway.error')).toEqual([]);
    const answer = events.filter((e) => e.type === 'response.output_audio_transcript.done').map((e) => e.transcript).join(' ');
    const heard = Number(/I heard ([\d.]+) seconds of speech/.exec(answer)?.[1]);
    expect(heard).toBeGreaterThanOrEqual(1.4);
    expect(heard).toBeLessThanOrEqual(2.5);

    // The engine was told push-to-talk, then the commit and the response, in that order.
    const engineEvents = told.get(sessionId) ?? [];
    const pttAt = engineEvents.findLastIndex((e) => e.type === 'session.update' && e.session?.audio?.input?.turn_detection === null);
    const commitAt = engineEvents.findIndex((e) => e.type === 'input_audio_buffer.commit');
    expect(pttAt).toBeGreaterThanOrEqual(0);
    expect(commitAt).toBeGreaterThan(pttAt);
    expect(engineEvents.slice(commitAt).map((e) => e.type)).toContain('response.create');
    expect(engineEvents.filter((e) => e.type === 'input_audio_buffer.commit')).toHaveLength(1);
    expect(turnDetections(sessionId).at(-1)).toBeNull();

    // Let go, the button is a toggle again, and the conversation shows the turn and its answer.
    expect(await mic.getAttribute('aria-label')).toBe('Voice assistant');
    const lines = await page.locator('contoso-voice .msg.assistant').allTextContents();
    expect(lines.some((l) => l.includes('I heard'))).toBe(true);
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });

  it('a hold too short for a turn commits nothing: the buffer is cleared instead', async () => {
    const { context, page } = await openShop();
    // Let go the moment the audio starts to go (the pointer itself stays down past the hold threshold).
    await page.evaluate(() => {
      const a = (window as any).__assistant;
      a.$voice.listen((v: string) => v === 'user_speaking' && a.releaseToTalk());
    });
    const box = (await page.locator('contoso-voice button.mic').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(async () => (told.get(await sessionOf(page).catch(() => '')) ?? []).filter((e) => e.type === 'input_audio_buffer.clear').length, { timeout: 10_000 }).toBe(2);
    await page.mouse.up();
    await page.waitForTimeout(800);
    const sent = (told.get(await sessionOf(page)) ?? []).map((e) => e.type);
    expect(sent).not.toContain('input_audio_buffer.commit');
    expect(await count(page, 'response.created')).toBe(0);
    expect((await log(page)).filter((e) => e.type === 'error' || e.type === 'gateway.error')).toEqual([]);
    await context.close();
  });

  it('a tap is hands-free: after a hold it gives the turns back to the VAD, and a second tap turns the microphone off', async () => {
    const { context, page, mic } = await openShop();
    await hold(page, 600);
    await page.mouse.up();
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => count(page, 'response.done'), { timeout: 15_000 }).toBe(1);
    const sessionId = await sessionOf(page);
    expect(turnDetections(sessionId).at(-1)).toBeNull();

    await mic.click();
    await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('true');
    expect(await mic.getAttribute('aria-label')).toBe('Voice assistant');
    await expect.poll(() => turnDetections(sessionId).at(-1)).toMatchObject({ type: 'server_vad' });
    // The looping fixture is now taken as turns by the service's VAD, and answered.
    await expect.poll(() => count(page, 'input_audio_buffer.speech_started'), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => count(page, 'response.done'), { timeout: 15_000 }).toBeGreaterThan(1);

    // Off: the button is not pressed at once, even while an answer plays (it finishes); no more turns are taken.
    const cleared = await count(page, 'input_audio_buffer.cleared');
    await mic.click();
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    // A turn the service committed before it heard the stop may still be on its way: count once the stop's clear is answered.
    await expect.poll(() => count(page, 'input_audio_buffer.cleared')).toBeGreaterThan(cleared);
    const turns = await count(page, 'input_audio_buffer.committed');
    await page.waitForTimeout(1500);
    expect(await count(page, 'input_audio_buffer.committed')).toBe(turns);
    await expect.poll(() => voice(page), { timeout: 20_000 }).toBe('idle');
    expect(await mic.getAttribute('aria-pressed')).toBe('false');
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  }, 60_000);
});
