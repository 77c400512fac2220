/**
 * Voice in Chromium with the fake microphone playing a spoken fixture on a
 * loop: the gateway's VAD reports the turn where the manifest says the speech
 * is, the reply's audio plays, and when the loop speaks again over the reply,
 * playback stops at once and a truncate no longer than what was heard reaches
 * the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, newContext } from '../../packages/widget/test/helpers/browser.js';
import { shopPage } from '../../packages/widget/test/helpers/page-server.js';
import { startBrowserStack, type BrowserStack } from '../../packages/widget/test/helpers/browser-stack.js';
import { AUDIO_DIR, manifest } from '../../packages/gateway/test/helpers/wav.js';

const FIXTURE = 'tent-for-four.wav';
let stack: BrowserStack;

beforeAll(async () => {
  if (browserAvailable) stack = await startBrowserStack((gw) => ({ '/': shopPage(gw) }), { microphone: `${AUDIO_DIR}${FIXTURE}` });
});
afterAll(() => stack?.close());

describe.skipIf(!browserAvailable)('voice', () => {
  it('turn timing matches the manifest, the reply plays, and barge-in stops it and truncates honestly', async () => {
    const context = await newContext(stack.browser);
    const page = await context.newPage();
    await page.goto(stack.pages.url);
    const widget = page.locator('contoso-voice');
    // The panel opens on text; voice starts from its mic button.
    await widget.locator('button.launcher').click();
    await widget.locator('button.mic').waitFor();
    await page.evaluate(() => {
      const w = window as any;
      w.__log = [];
      const assistant = [...(globalThis as any).__contosoVoiceAssistants.values()][0];
      assistant.$outputLevel.subscribe((level: number) => level > 0 && w.__log.push({ t: performance.now(), type: 'playing' }));
      w.ContosoVoice.on('event', (e: any) => w.__log.push({ t: performance.now(), ...e }));
      w.ContosoVoice.on('interrupted', (d: any) => w.__log.push({ t: performance.now(), type: 'interrupted', ...d }));
    });
    await widget.locator('button.mic').click();
    const log = () => page.evaluate(() => (window as any).__log as any[]);
    await expect.poll(async () => (await log()).filter((e) => e.type === 'interrupted').length, { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await log()).some((e) => e.type === 'conversation.item.truncated'), { timeout: 5000 }).toBe(true);
    const events = await log();

    // The turn, where the manifest puts the speech.
    const m = manifest[FIXTURE]!;
    const started = events.find((e) => e.type === 'input_audio_buffer.speech_started');
    const stopped = events.find((e) => e.type === 'input_audio_buffer.speech_stopped');
    expect(Math.abs(started.audio_start_ms - m.speech_start_s * 1000)).toBeLessThanOrEqual(150);
    expect(Math.abs(stopped.audio_end_ms - m.speech_end_s * 1000)).toBeLessThanOrEqual(150);

    // The reply: its transcript arrived and its audio played.
    expect(events.some((e) => e.type === 'response.output_audio_transcript.delta')).toBe(true);
    const firstPlayed = events.find((e) => e.type === 'playing');
    expect(firstPlayed).toBeDefined();

    // Barge-in: the loop speaks again over the reply.
    const interrupted = events.find((e) => e.type === 'interrupted');
    const bargeStart = events.filter((e) => e.type === 'input_audio_buffer.speech_started' && e.t < interrupted.t).at(-1);
    expect(bargeStart.audio_start_ms).toBeGreaterThan(m.duration_s * 1000);
    expect(interrupted.t - bargeStart.t).toBeLessThanOrEqual(100);
    expect(interrupted.playedSamples).toBeGreaterThan(0);
    const truncated = events.find((e) => e.type === 'conversation.item.truncated');
    expect(truncated.item_id).toBe(interrupted.itemId);
    expect(truncated.audio_end_ms).toBe(interrupted.audioEndMs);
    expect(truncated.audio_end_ms).toBeLessThanOrEqual((Math.min(interrupted.playedSamples, interrupted.receivedSamples) * 1000) / 24_000);
    // Nothing played after the flush: no playing report for that reply came later.
    const lateAudio = events.filter((e) => e.type === 'playing' && e.t > interrupted.t + 50 && e.t < interrupted.t + 400);
    expect(lateAudio).toEqual([]);
    console.log(
      `voice: speech ${started.audio_start_ms}-${stopped.audio_end_ms} ms (manifest ${m.speech_start_s * 1000}-${m.speech_end_s * 1000}); ` +
        `barge-in flushed ${(interrupted.t - bargeStart.t).toFixed(1)} ms after speech_started; truncated at ${truncated.audio_end_ms} ms of ${Math.round(interrupted.receivedSamples / 24)} ms received`,
    );
    expect(context.consoleErrors).toEqual([]);
    await context.close();
  });
});
