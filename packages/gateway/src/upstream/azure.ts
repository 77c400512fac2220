import { realtimeWsUpstream } from './realtime-ws.js';
import type { Upstream } from './types.js';

export interface AzureUpstreamOptions {
  /** https://RESOURCE.openai.azure.com */
  endpoint: string;
  apiKey: string;
  deployment: string;
  ca?: string | Buffer;
}

/** The GA v1 URL. The package's OpenAIRealtimeWS.azure() builds the older preview form with api-version and deployment. */
export function azureRealtimeBaseURL(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/openai/v1') ? path : `${path}/openai/v1`;
  url.search = '';
  return url.href.replace(/\/+$/, '');
}

/** Azure OpenAI's GA Realtime API: wss://RESOURCE.openai.azure.com/openai/v1/realtime?model=DEPLOYMENT with an api-key header. */
export function azureUpstream(o: AzureUpstreamOptions): Upstream {
  return realtimeWsUpstream({
    kind: 'azure',
    baseURL: azureRealtimeBaseURL(o.endpoint),
    model: o.deployment,
    bearer: null,
    headers: { 'api-key': o.apiKey },
    ca: o.ca,
  });
}
