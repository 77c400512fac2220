/**
 * Picks the upstream from the environment: Azure when its three variables are
 * set, OpenAI when a key is, and otherwise the local engine, so a fresh
 * checkout works with no key at all.
 */
import { readFileSync } from 'node:fs';
import type { Upstream } from './types.js';
import { openaiUpstream } from './openai.js';
import { azureUpstream } from './azure.js';
import { localUpstream } from './local/index.js';

export function upstreamFromEnv(env: NodeJS.ProcessEnv = process.env): Upstream {
  const ca = env.UPSTREAM_CA_FILE ? readFileSync(env.UPSTREAM_CA_FILE) : undefined;
  const forced = env.UPSTREAM;
  if (forced === 'local') return localUpstream();
  const azure = env.AZURE_OPENAI_ENDPOINT && env.AZURE_OPENAI_API_KEY && env.AZURE_OPENAI_DEPLOYMENT;
  if (forced === 'azure' || (!forced && azure)) {
    if (!azure) throw new Error('UPSTREAM=azure needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT');
    return azureUpstream({ endpoint: env.AZURE_OPENAI_ENDPOINT!, apiKey: env.AZURE_OPENAI_API_KEY!, deployment: env.AZURE_OPENAI_DEPLOYMENT!, ca });
  }
  if (forced === 'openai' || (!forced && env.OPENAI_API_KEY)) {
    if (!env.OPENAI_API_KEY) throw new Error('UPSTREAM=openai needs OPENAI_API_KEY');
    return openaiUpstream({ apiKey: env.OPENAI_API_KEY, model: env.OPENAI_REALTIME_MODEL || 'gpt-realtime', baseURL: env.OPENAI_BASE_URL || undefined, ca });
  }
  if (forced) throw new Error(`UPSTREAM must be local, openai or azure, not "${forced}"`);
  return localUpstream();
}
