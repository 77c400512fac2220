import { describe, expect, it } from 'vitest';
import { replayBuffer } from './replay-buffer.js';

const audio = (n: number) => new Uint8Array(960).fill(n);
const describeFrames = (frames: ReturnType<ReturnType<typeof replayBuffer>['since']>['frames']) =>
  frames.map((f) => ('seq' in f ? `e${f.seq}` : `a${f.afterSeq}.${f.index}`));

describe('replay buffer', () => {
  it('gives back exactly what came after a position: events by number, audio by count after its event', () => {
    const buf = replayBuffer({ maxFrames: 100, maxBytes: 1e6, audioWindowMs: 30_000 });
    buf.setAttached(false); // the client has gone: what is sent now is kept for it
    buf.pushEvent('{"type":"a"}');
    buf.pushEvent('{"type":"b"}');
    buf.pushAudio(audio(1));
    buf.pushAudio(audio(2));
    buf.pushAudio(audio(3));
    buf.pushEvent('{"type":"c"}');
    expect(describeFrames(buf.since({ lastSeq: 2, audioAfter: 1 }).frames)).toEqual(['a2.2', 'a2.3', 'e3']);
    expect(describeFrames(buf.since({ lastSeq: 0, audioAfter: 0 }).frames)).toEqual(['e1', 'e2', 'a2.1', 'a2.2', 'a2.3', 'e3']);
    expect(buf.since({ lastSeq: 3, audioAfter: 0 }).frames).toEqual([]);
    expect(buf.since({ lastSeq: 1, audioAfter: 0 }).complete).toBe(true);
  });

  it('drops audio older than the window but keeps the events that carry its transcript', () => {
    let t = 0;
    const buf = replayBuffer({ maxFrames: 100, maxBytes: 1e6, audioWindowMs: 1000 }, () => t);
    buf.setAttached(false);
    buf.pushEvent('{"type":"part"}');
    buf.pushAudio(audio(1));
    t = 5000;
    buf.pushEvent('{"type":"transcript.done"}');
    const { frames, complete } = buf.since({ lastSeq: 0, audioAfter: 0 });
    expect(describeFrames(frames)).toEqual(['e1', 'e2']);
    expect(complete).toBe(false);
  });

  it('keeps audio while no client is attached, and lets it go while one is', () => {
    let t = 0;
    const buf = replayBuffer({ maxFrames: 1000, maxBytes: 1e7, audioWindowMs: 30_000 }, () => t);
    buf.pushEvent('{"type":"part"}');
    for (; t < 10_000; t += 20) buf.pushAudio(audio(1));
    expect(buf.size().bytes).toBeLessThan(2100 / 20 * 960 + 100);
    buf.setAttached(false);
    for (; t < 20_000; t += 20) buf.pushAudio(audio(2));
    expect(buf.size().bytes).toBeGreaterThan(10_000 / 20 * 960);
    buf.setAttached(true);
    expect(buf.size().bytes).toBeLessThan(2100 / 20 * 960 + 100);
  });

  it('stays within its bounds and says when a client missed more than it holds', () => {
    const buf = replayBuffer({ maxFrames: 10, maxBytes: 5000, audioWindowMs: 30_000 });
    buf.setAttached(false);
    for (let i = 0; i < 2000; i++) {
      buf.pushEvent(`{"i":${i}}`);
      buf.pushAudio(audio(i));
    }
    expect(buf.size().frames).toBeLessThanOrEqual(12);
    expect(buf.size().bytes).toBeLessThanOrEqual(5000);
    const { frames, complete } = buf.since({ lastSeq: 5, audioAfter: 0 });
    expect(complete).toBe(false);
    expect(frames.length).toBeGreaterThan(0);
    expect(buf.since({ lastSeq: 1999, audioAfter: 0 }).complete).toBe(true);
  });
});
