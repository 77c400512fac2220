/**
 * npm run bench:e2e — the whole stack in Chromium: the fake microphone plays
 * a spoken fixture on a loop into the widget, through the gateway, to the
 * local engine, and back to the playback worklet. For each turn it measures
 * the time from the end of speech in the WAV to the first played output
 * sample; and, for typed turns, from Enter to the first product card (the
 * local engine cannot understand speech, so voice turns bring no cards).
 *
 *   TURNS=10 npm run bench:e2e
 */
import { launchBrowser, browserAvailable } from '../packages/widget/test/helpers/browser.js';
import { servePages, shopPage } from '../packages/widget/test/helpers/page-server.js';
import { startTestGateway } from '../packages/gateway/test/helpers/gateway.js';
import { AUDIO_DIR, manifest } from '../packages/gateway/test/helpers/wav.js';

const TURNS = Number(process.env.TURNS ?? 10);
const FIXTURE = 'tent-for-four.wav';
const SILENCE_MS = 500; // the gateway's default server-VAD silence window

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  if (!browserAvailable) throw new Error('bench:e2e needs Chromium (apt-get install -y chromium, or set CHROME_PATH)');
  const gw = await startTestGateway();
  const pages = await servePages({ '/': shopPage(gw.url) });
  const browser = await launchBrowser({ microphone: `${AUDIO_DIR}${FIXTURE}` });
  const page = await browser.newPage();
  await page.goto(pages.url);
  const widget = page.locator('contoso-voice');
  await widget.locator('button.mic').waitFor();
  await page.evaluate(() => {
    const w = window as any;
    w.__firstSpeech = null;
    w.__played = [];
    const assistant = [...(globalThis as any).__contosoVoiceAssistants.values()][0];
    // The first non-silent frame marks the fixture's speech start on this page's clock.
    assistant.$inputLevel.subscribe((l: number) => l > 0.003 && w.__firstSpeech === null && (w.__firstSpeech = performance.now()));
    assistant.$voice.subscribe((v: string) => v === 'assistant_speaking' && w.__played.push(performance.now()));
  });
  const m = manifest[FIXTURE]!;
  await widget.locator('button.mic').click();
  const loopMs = m.duration_s * 1000;
  await page.waitForTimeout(TURNS * loopMs + 3000);
  const { firstSpeech, played } = await page.evaluate(() => ({ firstSpeech: (window as any).__firstSpeech as number, played: (window as any).__played as number[] }));
  const speechToPlay: number[] = [];
  for (let k = 0; k < TURNS; k++) {
    const speechEnd = firstSpeech + k * loopMs + (m.speech_end_s - m.speech_start_s) * 1000;
    const next = played.find((t) => t > speechEnd);
    if (next !== undefined && next - speechEnd < loopMs) speechToPlay.push(next - speechEnd);
  }
  await widget.locator('button.mic').click();

  // Typed turns: Enter to the first product card.
  const toCard: number[] = [];
  const questions = ['I need a tent for four people', 'Do you have waterproof hiking boots under $150?', 'a light stove for backpacking', 'show me sleeping bags', 'headlamps please'];
  for (let i = 0; i < TURNS; i++) {
    const before = await widget.locator('.card').count();
    const input = widget.getByLabel('Message');
    await input.fill(questions[i % questions.length]!);
    const started = Date.now();
    await input.press('Enter');
    await page.waitForFunction((n) => document.querySelector('contoso-voice')!.shadowRoot!.querySelectorAll('.card').length > n, before, { polling: 5 });
    toCard.push(Date.now() - started);
  }
  await browser.close();
  await pages.close();
  await gw.close();

  console.log(`${FIXTURE} looped ${TURNS} times in Chromium, local engine, VAD silence window ${SILENCE_MS} ms`);
  console.log(`end of speech -> first played sample: ${speechToPlay.length} turns, p50 ${pct(speechToPlay, 50).toFixed(0)} ms, p95 ${pct(speechToPlay, 95).toFixed(0)} ms (stack beyond the silence window: p50 ${(pct(speechToPlay, 50) - SILENCE_MS).toFixed(0)} ms, p95 ${(pct(speechToPlay, 95) - SILENCE_MS).toFixed(0)} ms)`);
  console.log(`typed question -> first product card: ${toCard.length} turns, p50 ${pct(toCard, 50).toFixed(0)} ms, p95 ${pct(toCard, 95).toFixed(0)} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
