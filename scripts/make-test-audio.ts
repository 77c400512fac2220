/**
 * Makes the spoken test fixtures in packages/gateway/test/fixtures/audio/:
 * one WAV per utterance (PCM16 mono 24 kHz, the wire format) and a
 * manifest.json of where the speech starts and ends.
 *
 *   node --import tsx scripts/make-test-audio.ts
 *
 * Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox) only when
 * re-making them; the outputs are committed, so tests and CI never need either.
 *
 * The timings are exact by construction rather than estimated afterwards:
 * espeak's speech is cut at the first and last 10 ms window whose RMS passes
 * 0.01 full scale (the gateway VAD's default threshold), on those window
 * edges, then padded with digital silence of known length. So the speech
 * starts exactly at the pad's end and ends a whole number of windows later.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT_DIR = fileURLToPath(new URL('../packages/gateway/test/fixtures/audio/', import.meta.url));
const RATE = 24_000;
const WINDOW = RATE / 100; // 10 ms, the VAD's window
const RMS_LIMIT = 0.01; // the VAD's threshold 0.5
const ONSET_WINDOWS = 3; // the VAD's voiced windows in a row before speech counts
/**
 * The VAD ends a turn after 500 ms of silence, so a pause inside an utterance
 * must stay clearly shorter; at 160 wpm espeak's pause after a full stop is 340 ms.
 */
const MAX_PAUSE_MS = 400;
const LEAD_WINDOWS = 100; // 1 s of silence before the speech
const TAIL_WINDOWS = 200; // 2 s after: time for a reply to start before the fake microphone's loop speaks again
const VOICE = 'en-us';
const WPM = 160;

const UTTERANCES: Record<string, string> = {
  'tent-for-four.wav': 'I need a tent for four people.',
  'waterproof-boots.wav': 'Do you have waterproof hiking boots under one hundred and fifty dollars?',
  'long-question.wav':
    'Hi there. I am planning a three day backpacking trip in the mountains next month with my family, and I would like some advice on what gear we should bring.',
  'interrupt.wav': 'Wait, stop. Actually, show me sleeping bags instead.',
};

function run(command: string, args: string[], input?: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command}: ${result.error.message} (apt-get install espeak-ng sox)`);
  if (result.status !== 0) throw new Error(`${command} exited ${result.status}: ${result.stderr.toString()}`);
  return result.stdout;
}

/** espeak-ng's speech (22.05 kHz) resampled by sox to raw PCM16 at 24 kHz; -D: no dither, so the output is repeatable. */
function speak(text: string): Int16Array {
  const wav = run('espeak-ng', ['-v', VOICE, '-s', String(WPM), '--stdout', text]);
  const raw = run('sox', ['-D', '-t', 'wav', '-', '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-c', '1', '-', 'rate', '-v', String(RATE)], wav);
  return new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function voicedWindows(samples: Int16Array): boolean[] {
  const out: boolean[] = [];
  for (let w = 0; (w + 1) * WINDOW <= samples.length; w++) {
    let sum = 0;
    for (let i = w * WINDOW; i < (w + 1) * WINDOW; i++) sum += samples[i]! * samples[i]!;
    out.push(Math.sqrt(sum / WINDOW) / 32768 > RMS_LIMIT);
  }
  return out;
}

function longestPauseMs(voiced: boolean[]): number {
  let longest = 0;
  let run = 0;
  for (const v of voiced) {
    run = v ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return longest * 10;
}

function wavFile(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

function makeFixture(file: string, text: string) {
  const spoken = speak(text);
  const voiced = voicedWindows(spoken);
  const first = voiced.indexOf(true);
  const last = voiced.lastIndexOf(true);
  const speech = voiced.slice(first, last + 1);
  if (first < 0) throw new Error(`${file}: espeak-ng produced no speech`);
  // The VAD dates the start to its first voiced window only when that window begins a run of ONSET_WINDOWS.
  if (!speech.slice(0, ONSET_WINDOWS).every(Boolean)) throw new Error(`${file}: the speech opens with a click, not a voiced run`);
  const pauseMs = longestPauseMs(speech);
  if (pauseMs > MAX_PAUSE_MS) throw new Error(`${file}: a ${pauseMs} ms pause inside the speech; reword it or speak faster than ${WPM} wpm`);

  const speechWindows = speech.length;
  const samples = new Int16Array((LEAD_WINDOWS + speechWindows + TAIL_WINDOWS) * WINDOW);
  samples.set(spoken.subarray(first * WINDOW, (last + 1) * WINDOW), LEAD_WINDOWS * WINDOW);
  writeFileSync(`${OUT_DIR}${file}`, wavFile(samples));
  return {
    text,
    sample_rate: RATE,
    channels: 1,
    format: 'pcm_s16le',
    duration_s: samples.length / RATE,
    // Whole 10 ms windows, divided once, so the JSON holds 2.7 rather than 2.6999999999999997.
    speech_start_s: LEAD_WINDOWS / 100,
    speech_end_s: (LEAD_WINDOWS + speechWindows) / 100,
    note:
      `spoken by espeak-ng ${VOICE} at ${WPM} wpm, resampled by sox; cut at the first and last 10 ms window with RMS > ${RMS_LIMIT} full scale, ` +
      `then padded with ${LEAD_WINDOWS / 100} s of digital silence before and ${TAIL_WINDOWS / 100} s after, so the speech times are exact; ` +
      `longest pause inside the speech ${pauseMs} ms`,
  };
}

mkdirSync(OUT_DIR, { recursive: true });
const manifest: Record<string, ReturnType<typeof makeFixture>> = {};
for (const [file, text] of Object.entries(UTTERANCES)) {
  manifest[file] = makeFixture(file, text);
  console.log(`${file}: speech ${manifest[file].speech_start_s}-${manifest[file].speech_end_s} s of ${manifest[file].duration_s} s; ${manifest[file].note.split('; ').at(-1)}`);
}
writeFileSync(`${OUT_DIR}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
