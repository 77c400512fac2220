/**
 * The Node upstream for the environment's settings (see settings.ts): the
 * openai package's realtime client for OpenAI and Azure, the local engine
 * otherwise, so a fresh checkout works with no key at all.
 */
import { readFileSync } from 'node:fs';
import type { Upstream } from './types.js';
import { openaiUpstream } from './openai.js';
import { azureUpstream } from './azure.js';
import { localUpstream } from './local/index.js';
import { upstreamSettings } from './settings.js';

export function upstreamFromEnv(env: NodeJS.ProcessEnv = process.env): Upstream {
  const ca = env.UPSTREAM_CA_FILE ? readFileSync(env.UPSTREAM_CA_FILE) : undefined;
  const settings = upstreamSettings(env);
  switch (settings.kind) {
    case 'local':
      return localUpstream();
    case 'azure':
      return azureUpstream({ ...settings, ca });
    case 'openai':
      return openaiUpstream({ ...settings, ca });
  }
}
