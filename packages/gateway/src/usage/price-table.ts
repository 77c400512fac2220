/**
 * What a model's tokens cost, in US dollars per million, and the table the
 * gateway prices usage with. The defaults are OpenAI's list prices for the
 * realtime and text models a site is likely to run; an operator overrides
 * any of them (a negotiated rate, a new model) in config, and names the
 * model behind an Azure deployment, since Azure reports the deployment.
 * Prices never leave the gateway: no client event carries them.
 */

export interface ModelPrice {
  textIn: number;
  cachedTextIn: number;
  textOut: number;
  /** Audio rates: zero for text-only models, which never see audio. */
  audioIn: number;
  cachedAudioIn: number;
  audioOut: number;
  imageIn: number;
  cachedImageIn: number;
  /** Input transcription billed by the second (whisper-1), per minute of audio. */
  perAudioMinute?: number;
}

const text = (textIn: number, cachedTextIn: number, textOut: number): ModelPrice => ({
  textIn,
  cachedTextIn,
  textOut,
  audioIn: 0,
  cachedAudioIn: 0,
  audioOut: 0,
  imageIn: textIn,
  cachedImageIn: cachedTextIn,
});

/** List prices, USD per 1M tokens (OpenAI pricing page, 2025–2026). */
export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-realtime': { textIn: 4, cachedTextIn: 0.4, textOut: 16, audioIn: 32, cachedAudioIn: 0.4, audioOut: 64, imageIn: 5, cachedImageIn: 0.5 },
  'gpt-realtime-mini': { textIn: 0.6, cachedTextIn: 0.06, textOut: 2.4, audioIn: 10, cachedAudioIn: 0.3, audioOut: 20, imageIn: 0.8, cachedImageIn: 0.08 },
  'gpt-4o-realtime-preview': { textIn: 5, cachedTextIn: 2.5, textOut: 20, audioIn: 40, cachedAudioIn: 2.5, audioOut: 80, imageIn: 5, cachedImageIn: 2.5 },
  'gpt-4o-mini-realtime-preview': { textIn: 0.6, cachedTextIn: 0.3, textOut: 2.4, audioIn: 10, cachedAudioIn: 0.3, audioOut: 20, imageIn: 0.6, cachedImageIn: 0.3 },
  'gpt-4.1': text(2, 0.5, 8),
  'gpt-4.1-mini': text(0.4, 0.1, 1.6),
  'gpt-4.1-nano': text(0.1, 0.025, 0.4),
  'gpt-4o': text(2.5, 1.25, 10),
  'gpt-4o-mini': text(0.15, 0.075, 0.6),
  'gpt-5': text(1.25, 0.125, 10),
  'gpt-5-mini': text(0.25, 0.025, 2),
  'gpt-5-nano': text(0.05, 0.005, 0.4),
  // Input transcription, billed apart from the realtime model at the speech model's own rates.
  'gpt-4o-transcribe': { ...text(2.5, 2.5, 10), audioIn: 6, cachedAudioIn: 6 },
  'gpt-4o-mini-transcribe': { ...text(1.25, 1.25, 5), audioIn: 3, cachedAudioIn: 3 },
  'whisper-1': { ...text(0, 0, 0), perAudioMinute: 0.006 },
};

/**
 * Models priced as another: the local engine reports `local-engine` and is
 * priced as gpt-realtime, so that offline figures show what the same
 * conversation would cost on the service.
 */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = { 'local-engine': 'gpt-realtime' };

export interface PriceSettings {
  /** Per model: prices to use instead of (or beside) the defaults; a partial entry overrides only the rates it names. */
  prices?: Record<string, Partial<ModelPrice>>;
  /** Model names reported by the service → the model to price them as (an Azure deployment → its model). */
  models?: Record<string, string>;
}

export interface PricedModel {
  /** The table's name for the model. */
  name: string;
  price: ModelPrice;
  /** False when the table has no such model: it is priced at the highest rates in the table, so a budget still holds. */
  known: boolean;
}

// A dated snapshot (gpt-realtime-2025-08-28, gpt-4o-mini-2024-07-18) is priced as its family.
const DATED = /-\d{4}-\d{2}-\d{2}$/;

export type PriceTable = ReturnType<typeof priceTable>;

export function priceTable(settings: PriceSettings = {}) {
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICES };
  for (const [name, override] of Object.entries(settings.prices ?? {})) {
    const base = table[name] ?? text(0, 0, 0);
    table[name] = { ...base, ...override };
  }
  const aliases = { ...DEFAULT_ALIASES, ...settings.models };
  const rates = Object.values(table);
  const highest = Object.fromEntries(
    (Object.keys(DEFAULT_PRICES['gpt-realtime']!) as (keyof ModelPrice)[]).map((k) => [k, Math.max(...rates.map((r) => r[k] ?? 0))]),
  ) as unknown as ModelPrice;
  const lookup = (name: string) => (Object.hasOwn(table, name) ? table[name] : undefined);

  return {
    /** The price of a model as the service names it. */
    price(model: string): PricedModel {
      const aliased = Object.hasOwn(aliases, model) ? aliases[model]! : model;
      for (const name of [aliased, aliased.replace(DATED, '')]) {
        const price = lookup(name);
        if (price) return { name, price, known: true };
      }
      return { name: model, price: highest, known: false };
    },
  };
}
