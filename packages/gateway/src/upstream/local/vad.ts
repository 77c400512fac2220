/**
 * Server VAD on the real energy of the audio: 10 ms windows, voiced when
 * their RMS passes a threshold. Speech starts at the first of a few voiced
 * windows in a row and stops at the end of the last voiced window once the
 * silence has lasted `silence_duration_ms`, so the reported times are those
 * of the speech itself.
 */
import { SAMPLE_RATE } from '@contoso-voice/protocol';

const WINDOW_SAMPLES = SAMPLE_RATE / 100;
const WINDOW_MS = 10;
/** Voiced windows in a row before speech counts as started: a click or a cough is shorter. */
const ONSET_WINDOWS = 3;

export interface VadSettings {
  /** 0..1 as in the API; 0.5 is a full-scale RMS of 0.01 (-40 dBFS), higher is less sensitive. */
  threshold: number;
  silence_duration_ms: number;
}

export type VadEvent = { type: 'speech_started'; audio_start_ms: number } | { type: 'speech_stopped'; audio_end_ms: number };

/** RMS threshold for an API threshold: each 0.1 above 0.5 doubles it. */
export function rmsThreshold(threshold: number): number {
  return 0.01 * 2 ** ((threshold - 0.5) * 10);
}

export function createVad(settings: VadSettings) {
  let rmsLimit = rmsThreshold(settings.threshold);
  let silenceMs = settings.silence_duration_ms;
  let windowIndex = 0;
  let sumSquares = 0;
  let filled = 0;
  let speaking = false;
  let voicedRun = 0;
  let runStartWindow = 0;
  let lastVoicedEndMs = 0;
  let carry: number | null = null; // an odd trailing byte waits for its partner

  function closeWindow(out: VadEvent[]) {
    const rms = Math.sqrt(sumSquares / WINDOW_SAMPLES) / 32768;
    const voiced = rms > rmsLimit;
    if (voiced) {
      if (voicedRun === 0) runStartWindow = windowIndex;
      voicedRun++;
      lastVoicedEndMs = (windowIndex + 1) * WINDOW_MS;
      if (!speaking && voicedRun >= ONSET_WINDOWS) {
        speaking = true;
        out.push({ type: 'speech_started', audio_start_ms: runStartWindow * WINDOW_MS });
      }
    } else {
      voicedRun = 0;
      if (speaking && (windowIndex + 1) * WINDOW_MS - lastVoicedEndMs >= silenceMs) {
        speaking = false;
        out.push({ type: 'speech_stopped', audio_end_ms: lastVoicedEndMs });
      }
    }
    windowIndex++;
    sumSquares = 0;
    filled = 0;
  }

  return {
    get speaking() {
      return speaking;
    },
    configure(next: VadSettings) {
      rmsLimit = rmsThreshold(next.threshold);
      silenceMs = next.silence_duration_ms;
    },
    /** Feeds PCM16 little-endian bytes; returns the VAD events they caused, in order. */
    push(bytes: Uint8Array): VadEvent[] {
      const out: VadEvent[] = [];
      let i = 0;
      if (carry !== null && bytes.length > 0) {
        const s = ((bytes[0]! << 8) | carry) << 16 >> 16;
        carry = null;
        i = 1;
        sumSquares += s * s;
        if (++filled === WINDOW_SAMPLES) closeWindow(out);
      }
      for (; i + 1 < bytes.length; i += 2) {
        const s = ((bytes[i + 1]! << 8) | bytes[i]!) << 16 >> 16;
        sumSquares += s * s;
        if (++filled === WINDOW_SAMPLES) closeWindow(out);
      }
      if (i < bytes.length) carry = bytes[i]!;
      return out;
    },
    /** Forgets a turn in progress, as input_audio_buffer.clear does. */
    reset() {
      speaking = false;
      voicedRun = 0;
    },
  };
}
