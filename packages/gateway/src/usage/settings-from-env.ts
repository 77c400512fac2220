/**
 * Usage settings from environment variables, for `npm start` and the Worker:
 * PRICES (JSON: rates per model that override or add to the table) and
 * REALTIME_PRICE_MODEL (the model to price realtime responses as; for an
 * Azure deployment, the model it runs). A bad value stops the start with a
 * message that says what is wrong, rather than pricing with a guess.
 */
import * as z from 'zod';
import type { PriceSettings } from './price-table.js';

const rate = z.number().min(0).max(10_000);
const modelPrice = z.strictObject({
  textIn: rate.optional(),
  cachedTextIn: rate.optional(),
  textOut: rate.optional(),
  audioIn: rate.optional(),
  cachedAudioIn: rate.optional(),
  audioOut: rate.optional(),
  imageIn: rate.optional(),
  cachedImageIn: rate.optional(),
  perAudioMinute: rate.optional(),
});
const pricesSchema = z.record(z.string().min(1).max(100), modelPrice);

export function usageSettingsFromEnv(env: Record<string, string | undefined>): { prices?: PriceSettings; realtimeModel?: string } {
  const out: { prices?: PriceSettings; realtimeModel?: string } = {};
  if (env.PRICES) {
    let raw: unknown;
    try {
      raw = JSON.parse(env.PRICES);
    } catch {
      throw new Error('PRICES must be JSON: {"gpt-realtime": {"audioOut": 64}} (US dollars per million tokens)');
    }
    const parsed = pricesSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`PRICES: ${issue.path.join('.') || '(top level)'}: ${issue.message} (rates are US dollars per million tokens, 0 to 10000)`);
    }
    out.prices = { prices: parsed.data };
  }
  if (env.REALTIME_PRICE_MODEL) out.realtimeModel = env.REALTIME_PRICE_MODEL;
  return out;
}
