/**
 * The site file's `textModel`: which model answers typed turns while the
 * shopper is not talking, and how the two lanes hand over. Absent, every
 * turn goes to the realtime model as before.
 */
import * as z from 'zod';

export const TEXT_PROVIDERS = ['openai', 'azure', 'local'] as const;
export const TEXT_APIS = ['responses', 'chat'] as const;

const modelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'must be a model or deployment name such as "gpt-4.1-mini"');

export const textModelSchema = z.strictObject({
  provider: z.enum(TEXT_PROVIDERS).describe('"openai" (OPENAI_API_KEY, OPENAI_BASE_URL), "azure" (AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY) or "local" (the built-in offline engine).'),
  model: modelName.describe('The text model, as the price table names it: "gpt-4.1-mini", "gpt-4o", ...'),
  deployment: modelName.optional().describe('Azure only: the deployment serving `model`. Default: the model name.'),
  api: z.enum(TEXT_APIS).optional().describe('"responses" (default) or "chat" (Chat Completions).'),
  fallback: z.boolean().optional().describe('true (default): when one lane is down, the turn goes to the other, with a log line.'),
  quietMs: z.int().min(0).max(600_000).optional().describe('How long after the last microphone audio typed turns go back to the text model. Default 10000.'),
  budgetModel: modelName.optional().describe('A cheaper text model typed turns use once the site\'s budget is near or at its cap (same provider and api).'),
});

export type TextModelFile = z.infer<typeof textModelSchema>;

/** The site's text lane, every default filled in. */
export interface SiteTextModel {
  provider: (typeof TEXT_PROVIDERS)[number];
  model: string;
  deployment: string;
  api: (typeof TEXT_APIS)[number];
  fallback: boolean;
  quietMs: number;
  budgetModel?: string;
}

export const TEXT_MODEL_DEFAULTS = { api: 'responses', fallback: true, quietMs: 10_000 } as const;

export const siteTextModelFields = {
  textModel: textModelSchema.optional().describe('Typed turns on a text model, voice on the realtime model, one conversation (README, "Typed turns on a text model").'),
};

export function textModelFromFile(file: TextModelFile | undefined): { textModel?: SiteTextModel } {
  if (!file) return {};
  return {
    textModel: {
      provider: file.provider,
      model: file.model,
      deployment: file.deployment ?? file.model,
      api: file.api ?? TEXT_MODEL_DEFAULTS.api,
      fallback: file.fallback ?? TEXT_MODEL_DEFAULTS.fallback,
      quietMs: file.quietMs ?? TEXT_MODEL_DEFAULTS.quietMs,
      ...(file.budgetModel ? { budgetModel: file.budgetModel } : {}),
    },
  };
}
