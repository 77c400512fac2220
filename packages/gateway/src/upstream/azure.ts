import { realtimeWsUpstream } from './realtime-ws.js';
import { azureRealtimeBaseURL } from './settings.js';
import type { Upstream } from './types.js';

export { azureRealtimeBaseURL } from './settings.js';

export interface AzureUpstreamOptions {
  /** https://RESOURCE.openai.azure.com */
  endpoint: string;
  apiKey: string;
  deployment: string;
  ca?: string | Buffer;
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
