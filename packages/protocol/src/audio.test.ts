import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, floatToPcm16, msToPcmBytes, pcm16ToFloat, pcmBytesToMs } from './audio.js';
import { base64ToBytes, bytesToBase64 } from './base64.js';

describe('PCM16', () => {
  it('converts floats with clipping, not wrapping', () => {
    expect(Array.from(floatToPcm16(Float32Array.from([0, 0.5, -0.5, 1, -1, 1.7, -3])))).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768]);
  });
  it('round-trips within one step', () => {
    const x = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5) * 0.9);
    const back = pcm16ToFloat(floatToPcm16(x));
    for (let i = 0; i < x.length; i++) expect(Math.abs(back[i]! - x[i]!)).toBeLessThan(1 / 16384);
  });
  it('knows the size of 20 ms at 24 kHz', () => {
    expect(FRAME_BYTES).toBe(960);
    expect(pcmBytesToMs(960)).toBe(20);
    expect(msToPcmBytes(1000)).toBe(48_000);
  });
});

describe('base64', () => {
  it('round-trips bytes of every value, and large payloads', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
    const big = new Uint8Array(100_000).map((_, i) => (i * 7) & 255);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
    expect(bytesToBase64(Uint8Array.from([1, 2, 3]))).toBe('AQID');
  });
  it('throws on text that is not base64', () => {
    expect(() => base64ToBytes('%%%')).toThrow();
  });
});
