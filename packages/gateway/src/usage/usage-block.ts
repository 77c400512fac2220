/**
 * A usage block as the service reports it, read into one shape whatever the
 * API: a realtime response.done, a Responses API response, a Chat
 * Completions answer, or an input transcription. Cached tokens are a part of
 * the input tokens and reasoning tokens a part of the output tokens, so each
 * token is counted once: cached ones at the cached rate instead of the full
 * one, reasoning ones as text output. A block that cannot be read is null,
 * never an exception: the caller counts it as unknown.
 */

export interface TokenCounts {
  /** Input tokens by kind, cached ones included. */
  inputText: number;
  inputAudio: number;
  inputImage: number;
  /** The cached part of each input kind. */
  cachedText: number;
  cachedAudio: number;
  cachedImage: number;
  outputText: number;
  outputAudio: number;
  /** Seconds of audio, for transcription billed by duration. */
  audioSeconds: number;
}

/** More than any one response can hold (the largest context windows are about a million tokens). */
export const MAX_TOKENS_PER_BLOCK = 2_000_000;
const MAX_SECONDS_PER_BLOCK = 3600;

export type UsageProblem = 'missing' | 'not_an_object' | 'negative' | 'not_a_count' | 'too_large' | 'inconsistent';

export type ReadUsage = { ok: true; counts: TokenCounts } | { ok: false; problem: UsageProblem };

class Bad extends Error {
  constructor(readonly problem: UsageProblem) {
    super(problem);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function count(from: unknown, key: string, max = MAX_TOKENS_PER_BLOCK): number {
  if (!isObject(from)) return 0;
  const v = from[key];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Bad('not_a_count');
  if (v < 0) throw new Bad('negative');
  if (v > max) throw new Bad('too_large');
  if (!Number.isInteger(v) && max === MAX_TOKENS_PER_BLOCK) throw new Bad('not_a_count');
  return v;
}

const zero = (): TokenCounts => ({ inputText: 0, inputAudio: 0, inputImage: 0, cachedText: 0, cachedAudio: 0, cachedImage: 0, outputText: 0, outputAudio: 0, audioSeconds: 0 });

/**
 * Input split by kind, with the cached part of each. When the service gives
 * a total without a split, the rest is text; a cached total without a split
 * is taken as text first, the dearer assumption for audio-heavy models.
 */
function input(c: TokenCounts, total: number, details: unknown, cachedTotal: number, cachedDetails: unknown) {
  c.inputAudio = count(details, 'audio_tokens');
  c.inputImage = count(details, 'image_tokens');
  c.inputText = isObject(details) && details.text_tokens !== undefined ? count(details, 'text_tokens') : Math.max(0, total - c.inputAudio - c.inputImage);
  if (c.inputText + c.inputAudio + c.inputImage > total && total > 0) throw new Bad('inconsistent');
  if (cachedTotal > total) throw new Bad('inconsistent');
  if (isObject(cachedDetails)) {
    c.cachedText = count(cachedDetails, 'text_tokens');
    c.cachedAudio = count(cachedDetails, 'audio_tokens');
    c.cachedImage = count(cachedDetails, 'image_tokens');
  } else {
    c.cachedText = Math.min(cachedTotal, c.inputText);
    c.cachedAudio = Math.min(cachedTotal - c.cachedText, c.inputAudio);
    c.cachedImage = Math.min(cachedTotal - c.cachedText - c.cachedAudio, c.inputImage);
  }
  if (c.cachedText > c.inputText || c.cachedAudio > c.inputAudio || c.cachedImage > c.inputImage) throw new Bad('inconsistent');
}

function output(c: TokenCounts, total: number, details: unknown) {
  c.outputAudio = count(details, 'audio_tokens');
  // Reasoning tokens are inside output_tokens already: the rest after audio is text, whatever else the details list.
  c.outputText = isObject(details) && details.text_tokens !== undefined ? count(details, 'text_tokens') : Math.max(0, total - c.outputAudio);
  if (c.outputText + c.outputAudio > total && total > 0) throw new Bad('inconsistent');
}

function read(u: unknown): TokenCounts {
  if (u === undefined || u === null) throw new Bad('missing');
  if (!isObject(u)) throw new Bad('not_an_object');
  const c = zero();
  if (u.type === 'duration') {
    c.audioSeconds = count(u, 'seconds', MAX_SECONDS_PER_BLOCK);
    return c;
  }
  if ('prompt_tokens' in u || 'completion_tokens' in u) {
    // Chat Completions.
    const details = u.prompt_tokens_details;
    input(c, count(u, 'prompt_tokens'), details, count(details, 'cached_tokens'), undefined);
    output(c, count(u, 'completion_tokens'), u.completion_tokens_details);
    return c;
  }
  // Realtime (input_token_details) and Responses (input_tokens_details) share the rest of their shape.
  const inDetails = u.input_token_details ?? u.input_tokens_details;
  const inTotal = count(u, 'input_tokens');
  input(c, inTotal, inDetails, count(inDetails, 'cached_tokens'), isObject(inDetails) ? inDetails.cached_tokens_details : undefined);
  output(c, count(u, 'output_tokens'), u.output_token_details ?? u.output_tokens_details);
  if (!('input_tokens' in u) && !('output_tokens' in u)) throw new Bad('missing');
  return c;
}

export function readUsage(u: unknown): ReadUsage {
  try {
    return { ok: true, counts: read(u) };
  } catch (err) {
    if (err instanceof Bad) return { ok: false, problem: err.problem };
    return { ok: false, problem: 'not_an_object' };
  }
}
