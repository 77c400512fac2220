/**
 * The shared spoken-English fixtures, read and brought to the wire format
 * (PCM16 mono 24 kHz) the way a capture worklet would.
 */
import { readFileSync } from 'node:fs';
import { sharedDir } from './shared-dir.js';

export const AUDIO_DIR = `${sharedDir()}fixtures/audio/`;

export interface ManifestEntry {
  text: string;
  sample_rate: number;
  duration_s: number;
  speech_start_s: number;
  speech_end_s: number;
}

export const manifest: Record<string, ManifestEntry> = JSON.parse(readFileSync(`${AUDIO_DIR}manifest.json`, 'utf8'));

/** Reads a PCM16 mono WAV's samples, finding the data chunk rather than assuming a 44-byte header. */
export function readWav(name: string): { rate: number; samples: Int16Array } {
  const buf = readFileSync(`${AUDIO_DIR}${name}`);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = buf.readUInt32LE(offset + 12);
    if (id === 'data') {
      const samples = new Int16Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = buf.readInt16LE(offset + 8 + i * 2);
      return { rate, samples };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${name}: no data chunk`);
}

/** 48 kHz to 24 kHz: a windowed-sinc low-pass at 11 kHz, then every other sample. */
export function downsampleBy2(input: Int16Array): Int16Array {
  const taps = 63;
  const half = (taps - 1) / 2;
  const cutoff = 11_000 / 48_000;
  const h = new Float64Array(taps);
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const n = i - half;
    const sinc = n === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * n) / (Math.PI * n);
    h[i] = sinc * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (taps - 1)));
    sum += h[i]!;
  }
  const out = new Int16Array(Math.floor(input.length / 2));
  for (let o = 0; o < out.length; o++) {
    let acc = 0;
    const centre = o * 2;
    for (let k = 0; k < taps; k++) {
      const idx = centre + k - half;
      if (idx >= 0 && idx < input.length) acc += input[idx]! * h[k]!;
    }
    out[o] = Math.max(-32768, Math.min(32767, Math.round(acc / sum)));
  }
  return out;
}

/** The fixture as 20 ms frames of PCM16 LE bytes at 24 kHz. */
export function wavFrames(name: string, frameMs = 20): Buffer[] {
  const { rate, samples } = readWav(name);
  if (rate !== 48_000) throw new Error(`${name}: expected 48 kHz, got ${rate}`);
  const pcm = downsampleBy2(samples);
  const bytes = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const frameBytes = (24_000 * frameMs * 2) / 1000;
  const frames: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += frameBytes) frames.push(bytes.subarray(i, Math.min(i + frameBytes, bytes.length)));
  return frames;
}

export function silenceFrames(ms: number, frameMs = 20): Buffer[] {
  return Array.from({ length: Math.ceil(ms / frameMs) }, () => Buffer.alloc((24_000 * frameMs * 2) / 1000));
}
