/**
 * One conversation's usage: each response's block, read, checked and priced
 * with the model that produced it, and the running totals that end up in the
 * session.close log line and the conversation's webhook record. A block
 * that is missing, negative or absurd is counted as unknown and logged by
 * the caller; the meter never throws.
 */
import { readUsage, type TokenCounts, type UsageProblem } from './usage-block.js';
import type { PriceTable, ModelPrice } from './price-table.js';

/** The service bills about 20 output audio tokens a second of speech (1,200 a minute). */
export const OUTPUT_AUDIO_TOKENS_PER_SECOND = 20;

export interface UsageDelta {
  /** The model as the table priced it. */
  model: string;
  /** False for a block that could not be read: nothing counted but the unknown. */
  known: boolean;
  problem?: UsageProblem;
  /** False for a model missing from the table (priced at its highest rates). */
  priced: boolean;
  input_text: number;
  input_audio: number;
  input_image: number;
  /** Cached input tokens of every kind, a part of the three above. */
  input_cached: number;
  output_text: number;
  output_audio: number;
  /** Seconds of input audio billed by duration (whisper-1 transcription). */
  audio_seconds: number;
  usd: number;
}

export interface UsageTotals {
  /** Usage blocks counted, and the ones that could not be read. */
  responses: number;
  unknown: number;
  tokens_in: number;
  tokens_out: number;
  input_text: number;
  input_audio: number;
  input_cached: number;
  output_text: number;
  output_audio: number;
  /** Speech in and out, estimated from the audio tokens. */
  audio_in_s: number;
  audio_out_s: number;
  usd: number;
  /** Per model: its cost (a conversation may use a realtime, a text and a transcription model). */
  by_model: Record<string, { responses: number; usd: number }>;
}

function cost(c: TokenCounts, p: ModelPrice): number {
  const perMillion =
    (c.inputText - c.cachedText) * p.textIn +
    c.cachedText * p.cachedTextIn +
    (c.inputAudio - c.cachedAudio) * p.audioIn +
    c.cachedAudio * p.cachedAudioIn +
    (c.inputImage - c.cachedImage) * p.imageIn +
    c.cachedImage * p.cachedImageIn +
    c.outputText * p.textOut +
    c.outputAudio * p.audioOut;
  return perMillion / 1e6 + (c.audioSeconds / 60) * (p.perAudioMinute ?? 0);
}

/** Rounded to a millionth of a dollar, so sums stay readable in logs and exact enough for budgets. */
const micro = (usd: number) => Math.round(usd * 1e6) / 1e6;

export type UsageMeter = ReturnType<typeof usageMeter>;

export function usageMeter(prices: PriceTable) {
  const t: UsageTotals = {
    responses: 0,
    unknown: 0,
    tokens_in: 0,
    tokens_out: 0,
    input_text: 0,
    input_audio: 0,
    input_cached: 0,
    output_text: 0,
    output_audio: 0,
    audio_in_s: 0,
    audio_out_s: 0,
    usd: 0,
    by_model: {},
  };

  return {
    /** One usage block (a response's, or a transcription's) from `model`: the priced delta, also added to the totals. */
    record(model: string, usage: unknown): UsageDelta {
      const priced = prices.price(typeof model === 'string' && model ? model : 'unknown');
      const read = readUsage(usage);
      t.responses++;
      const entry = (t.by_model[priced.name] ??= { responses: 0, usd: 0 });
      entry.responses++;
      if (!read.ok) {
        t.unknown++;
        return {
          model: priced.name,
          known: false,
          problem: read.problem,
          priced: priced.known,
          input_text: 0,
          input_audio: 0,
          input_image: 0,
          input_cached: 0,
          output_text: 0,
          output_audio: 0,
          audio_seconds: 0,
          usd: 0,
        };
      }
      const c = read.counts;
      const usd = micro(cost(c, priced.price));
      const cached = c.cachedText + c.cachedAudio + c.cachedImage;
      t.tokens_in += c.inputText + c.inputAudio + c.inputImage;
      t.tokens_out += c.outputText + c.outputAudio;
      t.input_text += c.inputText;
      t.input_audio += c.inputAudio;
      t.input_cached += cached;
      t.output_text += c.outputText;
      t.output_audio += c.outputAudio;
      t.audio_out_s += c.outputAudio / OUTPUT_AUDIO_TOKENS_PER_SECOND;
      t.usd = micro(t.usd + usd);
      entry.usd = micro(entry.usd + usd);
      return {
        model: priced.name,
        known: true,
        priced: priced.known,
        input_text: c.inputText,
        input_audio: c.inputAudio,
        input_image: c.inputImage,
        input_cached: cached,
        output_text: c.outputText,
        output_audio: c.outputAudio,
        audio_seconds: c.audioSeconds,
        usd,
      };
    },
    /**
     * Seconds of the shopper's speech the gateway sent the model. Counted here
     * and not from input audio tokens: every response reads the whole history
     * again, so those count the same speech many times.
     */
    heard(seconds: number) {
      if (Number.isFinite(seconds) && seconds > 0) t.audio_in_s += seconds;
    },
    totals(): UsageTotals {
      return {
        ...t,
        audio_in_s: Math.round(t.audio_in_s * 10) / 10,
        audio_out_s: Math.round(t.audio_out_s * 10) / 10,
        by_model: structuredClone(t.by_model),
      };
    },
  };
}
