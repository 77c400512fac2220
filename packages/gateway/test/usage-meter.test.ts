/**
 * The meter against hand computations: realtime, Responses, Chat Completions
 * and transcription blocks priced from the table, cached tokens at the
 * cached rate instead of on top, reasoning tokens inside the output; and
 * every kind of bad block counted as unknown, never thrown.
 */
import { describe, expect, it } from 'vitest';
import { usageMeter } from '../src/usage/usage-meter.js';
import { priceTable } from '../src/usage/price-table.js';
import { usageSettingsFromEnv } from '../src/usage/settings-from-env.js';

const realtimeBlock = {
  total_tokens: 1300,
  input_tokens: 1000,
  output_tokens: 300,
  input_token_details: {
    text_tokens: 600,
    audio_tokens: 400,
    image_tokens: 0,
    cached_tokens: 500,
    cached_tokens_details: { text_tokens: 400, audio_tokens: 100, image_tokens: 0 },
  },
  output_token_details: { text_tokens: 50, audio_tokens: 250 },
};

describe('the usage meter', () => {
  it('prices a realtime block by hand: cached tokens at the cached rate, not on top', () => {
    const meter = usageMeter(priceTable());
    const d = meter.record('gpt-realtime', realtimeBlock);
    // (600-400)×$4 + 400×$0.40 + (400-100)×$32 + 100×$0.40 + 50×$16 + 250×$64, per million
    const hand = (200 * 4 + 400 * 0.4 + 300 * 32 + 100 * 0.4 + 50 * 16 + 250 * 64) / 1e6;
    expect(hand).toBeCloseTo(0.0274, 10);
    expect(d).toMatchObject({ model: 'gpt-realtime', known: true, priced: true, input_text: 600, input_audio: 400, input_cached: 500, output_text: 50, output_audio: 250 });
    expect(d.usd).toBeCloseTo(hand, 6);
    expect(meter.totals()).toMatchObject({ responses: 1, unknown: 0, tokens_in: 1000, tokens_out: 300, audio_out_s: 12.5 });
  });

  it('prices a dated snapshot as its family, and the local engine as gpt-realtime', () => {
    const meter = usageMeter(priceTable());
    expect(meter.record('gpt-realtime-2025-08-28', realtimeBlock).usd).toBeCloseTo(0.0274, 6);
    expect(meter.record('local-engine', realtimeBlock)).toMatchObject({ model: 'gpt-realtime', usd: 0.0274 });
    expect(meter.totals().usd).toBeCloseTo(0.0548, 6);
  });

  it('prices Responses and Chat Completions blocks, reasoning tokens once, as output', () => {
    const meter = usageMeter(priceTable());
    const responses = meter.record('gpt-4.1-mini', {
      input_tokens: 2000,
      input_tokens_details: { cached_tokens: 1500 },
      output_tokens: 500,
      output_tokens_details: { reasoning_tokens: 200 },
      total_tokens: 2500,
    });
    expect(responses.usd).toBeCloseTo((500 * 0.4 + 1500 * 0.1 + 500 * 1.6) / 1e6, 9);
    const chat = meter.record('gpt-4o', {
      prompt_tokens: 1000,
      completion_tokens: 100,
      total_tokens: 1100,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 40, audio_tokens: 0 },
    });
    expect(chat.usd).toBeCloseTo((1000 * 2.5 + 100 * 10) / 1e6, 9);
    expect(chat).toMatchObject({ input_text: 1000, output_text: 100 });
    expect(meter.totals().by_model).toEqual({ 'gpt-4.1-mini': { responses: 1, usd: 0.00115 }, 'gpt-4o': { responses: 1, usd: 0.0035 } });
  });

  it('prices input transcription by tokens and by duration', () => {
    const meter = usageMeter(priceTable());
    const tokens = meter.record('gpt-4o-mini-transcribe', { type: 'tokens', input_tokens: 120, input_token_details: { audio_tokens: 100, text_tokens: 20 }, output_tokens: 30, total_tokens: 150 });
    expect(tokens.usd).toBeCloseTo((100 * 3 + 20 * 1.25 + 30 * 5) / 1e6, 9);
    expect(meter.record('whisper-1', { type: 'duration', seconds: 30 }).usd).toBeCloseTo(0.003, 9);
  });

  it('counts missing, negative, absurd and inconsistent blocks as unknown, and never throws', () => {
    const meter = usageMeter(priceTable());
    const bad: [unknown, string][] = [
      [undefined, 'missing'],
      [null, 'missing'],
      ['lots', 'not_an_object'],
      [[1, 2], 'not_an_object'],
      [{}, 'missing'],
      [{ input_tokens: -5, output_tokens: 10 }, 'negative'],
      [{ input_tokens: 1e12, output_tokens: 10 }, 'too_large'],
      [{ input_tokens: Number.POSITIVE_INFINITY }, 'not_a_count'],
      [{ input_tokens: '100' }, 'not_a_count'],
      [{ input_tokens: 1.5 }, 'not_a_count'],
      [{ input_tokens: 10, input_token_details: { cached_tokens: 20 } }, 'inconsistent'],
      [{ input_tokens: 10, output_tokens: 5, output_token_details: { text_tokens: 9, audio_tokens: 9 } }, 'inconsistent'],
      [{ type: 'duration', seconds: 1e9 }, 'too_large'],
    ];
    for (const [block, problem] of bad) {
      const d = meter.record('gpt-realtime', block);
      expect(d, JSON.stringify(block) ?? String(block)).toMatchObject({ known: false, problem, usd: 0, input_text: 0, output_audio: 0 });
    }
    const t = meter.totals();
    expect(t).toMatchObject({ responses: bad.length, unknown: bad.length, usd: 0, tokens_in: 0, tokens_out: 0 });
    // The meter still works after all that.
    expect(meter.record('gpt-realtime', realtimeBlock).usd).toBeCloseTo(0.0274, 6);
  });

  it('prices a model missing from the table at its highest rates, and takes overrides and Azure model names', () => {
    const unknown = usageMeter(priceTable()).record('my-voice-deployment', { input_tokens: 0, output_tokens: 1_000_000, output_token_details: { audio_tokens: 1_000_000 } });
    // The dearest audio output in the table: gpt-4o-realtime-preview's $80 per million.
    expect(unknown).toMatchObject({ priced: false, usd: 80 });
    const table = priceTable({ models: { 'my-voice-deployment': 'gpt-realtime-mini' }, prices: { 'gpt-realtime': { audioOut: 50 } } });
    const meter = usageMeter(table);
    expect(meter.record('my-voice-deployment', { input_tokens: 0, output_tokens: 1_000_000, output_token_details: { audio_tokens: 1_000_000 } })).toMatchObject({ model: 'gpt-realtime-mini', priced: true, usd: 20 });
    expect(meter.record('gpt-realtime', { input_tokens: 0, output_tokens: 1_000_000, output_token_details: { audio_tokens: 1_000_000 } }).usd).toBe(50);
  });
});

describe('PRICES and REALTIME_PRICE_MODEL', () => {
  it('read overrides, and stop the start with a clear message on a bad value', () => {
    const settings = usageSettingsFromEnv({ PRICES: '{"gpt-realtime":{"audioOut":60}}', REALTIME_PRICE_MODEL: 'gpt-realtime-mini' });
    expect(settings).toEqual({ prices: { prices: { 'gpt-realtime': { audioOut: 60 } } }, realtimeModel: 'gpt-realtime-mini' });
    expect(priceTable(settings.prices).price('gpt-realtime').price).toMatchObject({ audioOut: 60, audioIn: 32 });
    expect(() => usageSettingsFromEnv({ PRICES: '{gpt' })).toThrow(/PRICES must be JSON/);
    expect(() => usageSettingsFromEnv({ PRICES: '{"gpt-realtime":{"audioOut":-1}}' })).toThrow(/PRICES: gpt-realtime\.audioOut/);
    expect(() => usageSettingsFromEnv({ PRICES: '{"gpt-realtime":{"audio_out":1}}' })).toThrow(/PRICES: gpt-realtime/);
    expect(usageSettingsFromEnv({})).toEqual({});
  });
});
