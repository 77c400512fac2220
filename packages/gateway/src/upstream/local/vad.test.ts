import { describe, expect, it } from 'vitest';
import { createVad, rmsThreshold } from './vad.js';

function tone(ms: number, amplitude: number): Uint8Array {
  const n = (24_000 * ms) / 1000;
  const out = new Uint8Array(n * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < n; i++) view.setInt16(i * 2, Math.round(Math.sin((2 * Math.PI * 200 * i) / 24_000) * amplitude * 32767), true);
  return out;
}

describe('energy VAD', () => {
  it('maps the API threshold to an RMS level', () => {
    expect(rmsThreshold(0.5)).toBeCloseTo(0.01);
    expect(rmsThreshold(0.6)).toBeCloseTo(0.02);
  });

  it('reports the start and end of speech in audio time, after the silence window', () => {
    const vad = createVad({ threshold: 0.5, silence_duration_ms: 300 });
    const events = [...vad.push(tone(500, 0)), ...vad.push(tone(800, 0.2)), ...vad.push(tone(200, 0))];
    expect(events).toEqual([{ type: 'speech_started', audio_start_ms: 500 }]);
    expect(vad.push(tone(200, 0))).toEqual([{ type: 'speech_stopped', audio_end_ms: 1300 }]);
  });

  it('ignores clicks shorter than the onset and quiet noise', () => {
    const vad = createVad({ threshold: 0.5, silence_duration_ms: 300 });
    expect([...vad.push(tone(20, 0.5)), ...vad.push(tone(500, 0)), ...vad.push(tone(1000, 0.005))]).toEqual([]);
  });

  it('handles frames split on an odd byte', () => {
    const vad = createVad({ threshold: 0.5, silence_duration_ms: 200 });
    const audio = new Uint8Array([...tone(100, 0), ...tone(300, 0.3), ...tone(400, 0)]);
    const events = [...vad.push(audio.subarray(0, 1001)), ...vad.push(audio.subarray(1001))];
    expect(events).toEqual([
      { type: 'speech_started', audio_start_ms: 100 },
      { type: 'speech_stopped', audio_end_ms: 400 },
    ]);
  });
});
