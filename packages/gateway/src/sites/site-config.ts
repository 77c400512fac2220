/** From a validated site file to the site as the gateway runs it, with every default filled in. */
import type { SiteFile } from './site-file.js';
import type { SiteConfig } from './types.js';
import type { ObjectSchema } from '../tools/json-schema.js';
import { webhookSecretEnv } from './site-business-file.js';
import { textModelFromFile } from '../text-lane/site-text-model.js';
import { siteBudgetFromFile } from './site-budget-file.js';

export const SITE_DEFAULTS = {
  language: 'en',
  voice: 'marin',
  refreshMinutes: 60,
  maxMegabytes: 128,
  maxQuantity: 10,
  httpToolTimeoutMs: 5000,
  httpToolMaxKilobytes: 64,
} as const;

/** `resolveSource` turns the file's catalog source into one the runtime can read (a path relative to the site file, say). */
export function siteFromFile(file: SiteFile, resolveSource: (source: string) => string): SiteConfig {
  return {
    id: file.id,
    shopName: file.shopName,
    shopUrl: file.shopUrl,
    access: { allowedOrigins: file.allowedOrigins, publicTokens: file.publicTokens ?? true },
    limits: file.limits,
    instructions: file.instructions ?? '',
    language: file.language ?? SITE_DEFAULTS.language,
    ...(file.answerLanguage ? { answerLanguage: file.answerLanguage } : {}),
    voice: file.voice ?? SITE_DEFAULTS.voice,
    policies: { ...file.policies },
    catalog: {
      source: resolveSource(file.catalog.source),
      format: file.catalog.format,
      currency: file.catalog.currency,
      refreshMinutes: file.catalog.refreshMinutes ?? SITE_DEFAULTS.refreshMinutes,
      maxBytes: (file.catalog.maxMegabytes ?? SITE_DEFAULTS.maxMegabytes) * 1024 * 1024,
    },
    pushToTalk: file.pushToTalk ?? true,
    actions: {
      cart: file.actions?.cart ?? true,
      navigate: file.actions?.navigate ?? true,
      maxQuantity: file.actions?.maxQuantity ?? SITE_DEFAULTS.maxQuantity,
    },
    clientTools: (file.clientTools ?? []).map((t) => ({
      name: t.name,
      description: t.description,
      parameters: t.parameters as unknown as ObjectSchema,
      timeoutMs: t.timeoutMs,
      after: t.after ?? 'respond',
    })),
    httpTools: (file.httpTools ?? []).map((t) => ({
      name: t.name,
      description: t.description,
      parameters: t.parameters as unknown as ObjectSchema,
      url: t.url,
      method: t.method ?? 'POST',
      timeoutMs: t.timeoutMs ?? SITE_DEFAULTS.httpToolTimeoutMs,
      maxResponseBytes: (t.maxResponseKilobytes ?? SITE_DEFAULTS.httpToolMaxKilobytes) * 1024,
      signingSecretEnv: t.signingSecretEnv,
      showResult: t.showResult ?? false,
      after: t.after ?? 'respond',
    })),
    ...(file.webhook
      ? { webhook: { url: file.webhook.url, signingSecretEnv: file.webhook.signingSecretEnv ?? webhookSecretEnv(file.id), transcripts: file.webhook.transcripts ?? true } }
      : {}),
    analytics: { dataLayer: file.analytics?.dataLayer ?? false, consent: file.analytics?.consent ?? 'required' },
    ...textModelFromFile(file.textModel),
    ...(file.budget ? { budget: siteBudgetFromFile(file) } : {}),
  };
}

/** True for a source that is a URL rather than a path or key. */
export const isUrlSource = (source: string) => /^https?:\/\//i.test(source);
