/**
 * The spoken-English fixtures in test/fixtures/audio (made by
 * scripts/make-test-audio.ts), already in the wire format: PCM16 mono 24 kHz.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const AUDIO_DIR = fileURLToPath(new URL('../fixtures/audio/', import.meta.url));

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

/** The fixture as 20 ms frames of PCM16 LE bytes at 24 kHz. */
export function wavFrames(name: string, frameMs = 20): Buffer[] {
  const { rate, samples } = readWav(name);
  if (rate !== 24_000) throw new Error(`${name}: expected 24 kHz, got ${rate}`);
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const frameBytes = (24_000 * frameMs * 2) / 1000;
  const frames: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += frameBytes) frames.push(bytes.subarray(i, Math.min(i + frameBytes, bytes.length)));
  return frames;
}

export function silenceFrames(ms: number, frameMs = 20): Buffer[] {
  return Array.from({ length: Math.ceil(ms / frameMs) }, () => Buffer.alloc((24_000 * frameMs * 2) / 1000));
}
