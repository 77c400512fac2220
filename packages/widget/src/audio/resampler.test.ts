/**
 * The resampler, measured: a 15 kHz tone taken from 48 kHz to 24 kHz must come
 * out at least 60 dB down (it would alias to 9 kHz), and the passband must be
 * flat within 0.5 dB up to 8 kHz.
 */
import { describe, expect, it } from 'vitest';
import { createResampler } from './resampler.js';

function tone(freq: number, rate: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** Resamples in worklet-sized blocks of 128, as the capture worklet does. */
function resample(input: Float32Array, inRate: number, outRate: number): Float32Array {
  const r = createResampler(inRate, outRate);
  const parts: Float32Array[] = [];
  for (let i = 0; i < input.length; i += 128) parts.push(r.process(input.subarray(i, i + 128)));
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** RMS of the steady part, skipping the filter's start-up. */
const rms = (x: Float32Array) => {
  const steady = x.subarray(Math.floor(x.length / 4));
  return Math.sqrt(steady.reduce((s, v) => s + v * v, 0) / steady.length);
};
const db = (out: number, ref: number) => 20 * Math.log10(out / ref);
const inputRms = 0.5 / Math.SQRT2;

describe.each([48_000, 44_100, 96_000])('from %i Hz to 24 kHz', (inRate) => {
  it('produces the right number of samples', () => {
    const out = resample(tone(1000, inRate, 1), inRate, 24_000);
    expect(Math.abs(out.length - 24_000)).toBeLessThanOrEqual(1);
  });

  it('keeps the passband flat within 0.5 dB up to 8 kHz', () => {
    for (const f of [100, 300, 1000, 3000, 5000, 7000, 8000]) {
      const gain = db(rms(resample(tone(f, inRate, 0.5), inRate, 24_000)), inputRms);
      expect(Math.abs(gain), `${f} Hz: ${gain.toFixed(3)} dB`).toBeLessThanOrEqual(0.5);
    }
  });

  it('takes a 15 kHz tone at least 60 dB down', () => {
    const gain = db(rms(resample(tone(15_000, inRate, 0.5), inRate, 24_000)), inputRms);
    expect(gain, `${gain.toFixed(1)} dB`).toBeLessThanOrEqual(-60);
  });
});

describe('upsampling for playback-side use', () => {
  it('24 kHz to 48 kHz keeps a 1 kHz tone and its length', () => {
    const out = resample(tone(1000, 24_000, 0.5), 24_000, 48_000);
    expect(Math.abs(out.length - 24_000)).toBeLessThanOrEqual(1);
    expect(Math.abs(db(rms(out), inputRms))).toBeLessThanOrEqual(0.5);
  });

  it('passes equal rates through untouched', () => {
    const input = tone(440, 24_000, 0.01);
    expect(createResampler(24_000, 24_000).process(input)).toBe(input);
  });
});
