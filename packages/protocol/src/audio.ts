/**
 * Audio on our wire is PCM16 little-endian mono at 24 kHz, the Realtime API's
 * default `audio/pcm` format, so the gateway never resamples.
 */
export const SAMPLE_RATE = 24_000;
export const BYTES_PER_SAMPLE = 2;
/** 20 ms is the widget's frame: small enough for low latency, large enough to keep per-frame costs down. */
export const FRAME_MS = 20;
export const FRAME_BYTES = (SAMPLE_RATE * FRAME_MS * BYTES_PER_SAMPLE) / 1000;

export function pcmBytesToMs(bytes: number): number {
  return (bytes / BYTES_PER_SAMPLE / SAMPLE_RATE) * 1000;
}

export function msToPcmBytes(ms: number): number {
  return Math.round((ms * SAMPLE_RATE) / 1000) * BYTES_PER_SAMPLE;
}

/** One float sample in [-1, 1] to PCM16, clipping rather than wrapping; -1 maps to -32768 and 1 to 32767. */
export function floatSampleToPcm16(s: number): number {
  return s >= 1 ? 0x7fff : s <= -1 ? -0x8000 : Math.round(s < 0 ? s * 0x8000 : s * 0x7fff);
}

export function floatToPcm16(input: Float32Array, out = new Int16Array(input.length)): Int16Array {
  for (let i = 0; i < input.length; i++) out[i] = floatSampleToPcm16(input[i]!);
  return out;
}

export function pcm16ToFloat(input: Int16Array, out = new Float32Array(input.length)): Float32Array {
  for (let i = 0; i < input.length; i++) out[i] = input[i]! / 0x8000;
  return out;
}
