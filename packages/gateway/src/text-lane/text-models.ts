/**
 * The text model a site names, made from the environment's credentials:
 * the `openai` package's client for OpenAI (OPENAI_API_KEY, OPENAI_BASE_URL)
 * and Azure (AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY; its v1 API, with
 * the deployment as the model), or the local engine. The client is fetch
 * based, so the same code runs on Node and on Workers. One client per site.
 */
import OpenAI from 'openai';
import type { SiteConfig } from '../sites/types.js';
import type { Logger } from '../log.js';
import { azureRealtimeBaseURL, type EnvVars } from '../upstream/settings.js';
import { localTextModel } from '../upstream/local/text-model.js';
import { responsesModel } from './responses-model.js';
import { chatModel } from './chat-model.js';
import type { SiteTextModel } from './site-text-model.js';
import type { TextModel } from './text-model.js';

export type TextModels = (site: SiteConfig) => TextModel | null;

export interface TextModelsOptions {
  /** A fetch for the client (a test's, or a guarded one). */
  fetch?: typeof fetch;
  /** The local engine's pace, for tests. */
  localTickMs?: number;
  log?: Logger;
}

function clientFor(s: SiteTextModel, env: EnvVars, o: TextModelsOptions): OpenAI | string {
  const common = { maxRetries: 1, timeout: 30_000, ...(o.fetch ? { fetch: o.fetch } : {}) };
  if (s.provider === 'azure') {
    const { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_API_KEY: apiKey } = env;
    if (!endpoint || !apiKey) return 'needs AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY';
    return new OpenAI({ ...common, apiKey, baseURL: azureRealtimeBaseURL(endpoint), defaultHeaders: { 'api-key': apiKey } });
  }
  if (!env.OPENAI_API_KEY) return 'needs OPENAI_API_KEY';
  return new OpenAI({ ...common, apiKey: env.OPENAI_API_KEY, baseURL: (env.OPENAI_BASE_URL || 'https://api.openai.com/v1').replace(/\/+$/, '') });
}

export function textModelFor(s: SiteTextModel, env: EnvVars, o: TextModelsOptions = {}): TextModel | string {
  if (s.provider === 'local') return localTextModel(s.model, { tickMs: o.localTickMs });
  const client = clientFor(s, env, o);
  if (typeof client === 'string') return client;
  const model = (s.api === 'chat' ? chatModel : responsesModel)(client, s.provider, s.model);
  if (s.provider !== 'azure' || s.deployment === s.model) return model;
  // Azure serves a deployment; the price table and the log name the model behind it.
  return { ...model, stream: (r, signal) => model.stream({ ...r, model: r.model === s.model ? s.deployment : r.model }, signal) };
}

/** Each site's text model, made once; a site whose provider lacks credentials gets none (a log line says why) and stays on the realtime model. */
export function textModelsFromEnv(env: EnvVars, o: TextModelsOptions = {}): TextModels {
  const made = new Map<string, TextModel | null>();
  return (site) => {
    if (!site.textModel) return null;
    if (made.has(site.id)) return made.get(site.id)!;
    const model = textModelFor(site.textModel, env, o);
    if (typeof model === 'string') o.log?.('text_lane.unconfigured', { site: site.id, provider: site.textModel.provider, problem: model });
    const result = typeof model === 'string' ? null : model;
    made.set(site.id, result);
    return result;
  };
}
