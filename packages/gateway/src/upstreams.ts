/**
 * `@contoso-voice/gateway/upstreams`: the model services a Node gateway can
 * talk to. A separate entry from the main one because the OpenAI and Azure
 * upstreams dial out with the `ws` package, which a Worker bundle must not
 * pull in; the local engine needs no key and suits tests and offline demos.
 */
export { upstreamFromEnv } from './upstream/from-env.js';
export { openaiUpstream, type OpenAIUpstreamOptions } from './upstream/openai.js';
export { azureUpstream, type AzureUpstreamOptions } from './upstream/azure.js';
export { localUpstream, type LocalUpstreamOptions } from './upstream/local/index.js';
export type { Upstream, UpstreamConnection, UpstreamHandlers } from './upstream/types.js';
