/**
 * The local engine's voice. It has no speech synthesis, so it hums: a soft
 * vowel-like tone shaped into syllables, as long as the words would take to
 * say. It is real PCM16 at 24 kHz, enough to exercise playback, levels and
 * barge-in end to end.
 */
import { SAMPLE_RATE } from '@contoso-voice/protocol';

/** About 14 characters a second, a relaxed speaking pace. */
const MS_PER_CHAR = 70;
const SYLLABLE_MS = 180;
const F0 = 170;
const AMPLITUDE = 0.18 * 32767;

export function speechDurationMs(text: string): number {
  return Math.max(400, Math.min(60_000, text.length * MS_PER_CHAR));
}

/** Renders `count` samples of the hum starting at sample `offset`, as PCM16 little-endian bytes. */
export function renderHum(offset: number, count: number, totalSamples: number): Uint8Array {
  const out = new Uint8Array(count * 2);
  const view = new DataView(out.buffer);
  const syllable = (SYLLABLE_MS * SAMPLE_RATE) / 1000;
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const t = n / SAMPLE_RATE;
    // Pitch drifts a little over each syllable, and each syllable swells and fades.
    const phaseInSyllable = (n % syllable) / syllable;
    const pitch = F0 * (1 + 0.06 * Math.sin(2 * Math.PI * t * 0.7));
    const envelope = Math.sin(Math.PI * phaseInSyllable) ** 2;
    const edge = Math.min(1, n / 240, (totalSamples - n) / 240);
    const tone =
      Math.sin(2 * Math.PI * pitch * t) * 0.6 + Math.sin(4 * Math.PI * pitch * t) * 0.3 + Math.sin(6 * Math.PI * pitch * t) * 0.1;
    view.setInt16(i * 2, Math.round(tone * envelope * edge * AMPLITUDE), true);
  }
  return out;
}
