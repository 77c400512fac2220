import { describe, expect, it } from 'vitest';
import { FADE_SAMPLES, PREROLL_SAMPLES, PlaybackBuffer } from './playback-buffer.js';

const pcm = (n: number, value = 16384) => new Int16Array(n).fill(value);
const quantum = () => new Float32Array(128);

describe('PlaybackBuffer', () => {
  it('waits for the 50 ms pre-roll before playing', () => {
    const b = new PlaybackBuffer(1 << 16);
    b.push('a', pcm(PREROLL_SAMPLES - 1));
    expect(b.read(quantum())).toBe(0);
    b.push('a', pcm(1));
    expect(b.read(quantum())).toBe(128);
    expect(b.played.get('a')).toBe(128);
  });

  it('plays a short item that has ended without waiting for the pre-roll', () => {
    const b = new PlaybackBuffer(1 << 16);
    b.push('a', pcm(300));
    b.end('a');
    let total = 0;
    for (let i = 0; i < 4; i++) total += b.read(quantum());
    expect(total).toBe(300);
    expect(b.played.get('a')).toBe(300);
  });

  it('fades in at the start and out on an underrun, so no edge clicks', () => {
    const b = new PlaybackBuffer(1 << 16);
    b.push('a', pcm(PREROLL_SAMPLES + 60));
    const first = quantum();
    b.read(first);
    expect(first[0]).toBe(0);
    expect(first[FADE_SAMPLES]).toBeCloseTo(0.5, 3);
    let last = quantum();
    let n = 128;
    while (n === 128) {
      last = quantum();
      n = b.read(last);
    }
    expect(n).toBe((PREROLL_SAMPLES + 60) % 128);
    expect(last[n - 1]).toBe(0);
    expect(last[n - FADE_SAMPLES - 1]).toBeCloseTo(0.5, 3);
  });

  it('counts played samples per item, across item boundaries', () => {
    const b = new PlaybackBuffer(1 << 16);
    b.push('a', pcm(1000));
    b.end('a');
    b.push('b', pcm(1000));
    b.end('b');
    let total = 0;
    for (let i = 0; i < 10; i++) total += b.read(quantum());
    expect(total).toBe(1280);
    expect(b.played.get('a')).toBe(1000);
    expect(b.played.get('b')).toBe(280);
    expect(b.current).toBe('b');
  });

  it('flushes within one quantum, fading to silence, and reports what was played', () => {
    const b = new PlaybackBuffer(1 << 16);
    b.push('a', pcm(24_000));
    for (let i = 0; i < 5; i++) b.read(quantum());
    const out = quantum();
    const flushed = b.flush(out);
    expect(flushed).toEqual({ item: 'a', played: 6 * 128 });
    expect(out[0]).toBeCloseTo(0.5, 3);
    expect(Math.abs(out[127]!)).toBeLessThan(0.01);
    expect(b.read(quantum())).toBe(0);
  });

  it('drops what does not fit, and says how much', () => {
    const b = new PlaybackBuffer(1000);
    expect(b.push('a', pcm(1500))).toBe(500);
    b.end('a');
    let played = 0;
    for (let n = b.read(quantum()); n > 0; n = b.read(quantum())) played += n;
    expect(played).toBe(1000);
  });
});
