/**
 * Which model service to use, read from environment variables (Node's
 * process.env or a Worker's env bindings). Pure, so both runtimes share it
 * and differ only in how they open the socket.
 */
export type UpstreamSettings =
  | { kind: 'local' }
  | { kind: 'openai'; apiKey: string; model: string; baseURL: string }
  | { kind: 'azure'; endpoint: string; apiKey: string; deployment: string };

export type EnvVars = Record<string, string | undefined>;

/** Azure when its three variables are set, OpenAI when a key is, otherwise the local engine; UPSTREAM forces one. */
export function upstreamSettings(env: EnvVars): UpstreamSettings {
  const forced = env.UPSTREAM || undefined;
  if (forced === 'local') return { kind: 'local' };
  const { AZURE_OPENAI_ENDPOINT: endpoint, AZURE_OPENAI_API_KEY: azureKey, AZURE_OPENAI_DEPLOYMENT: deployment } = env;
  if (forced === 'azure' || (!forced && endpoint && azureKey && deployment)) {
    if (!endpoint || !azureKey || !deployment) {
      throw new Error('UPSTREAM=azure needs AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT');
    }
    return { kind: 'azure', endpoint, apiKey: azureKey, deployment };
  }
  if (forced === 'openai' || (!forced && env.OPENAI_API_KEY)) {
    if (!env.OPENAI_API_KEY) throw new Error('UPSTREAM=openai needs OPENAI_API_KEY');
    return {
      kind: 'openai',
      apiKey: env.OPENAI_API_KEY,
      model: env.OPENAI_REALTIME_MODEL || 'gpt-realtime',
      baseURL: (env.OPENAI_BASE_URL || 'https://api.openai.com/v1').replace(/\/+$/, ''),
    };
  }
  if (forced) throw new Error(`UPSTREAM must be local, openai or azure, not "${forced}"`);
  return { kind: 'local' };
}

/** The GA v1 base. The openai package's OpenAIRealtimeWS.azure() builds the older preview form with api-version and deployment. */
export function azureRealtimeBaseURL(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/openai/v1') ? path : `${path}/openai/v1`;
  url.search = '';
  return url.href.replace(/\/+$/, '');
}

/** The http(s) form of the realtime socket URL plus the credential header, for runtimes that dial with fetch. */
export function realtimeRequest(settings: Exclude<UpstreamSettings, { kind: 'local' }>): { url: string; headers: Record<string, string> } {
  if (settings.kind === 'azure') {
    const model = encodeURIComponent(settings.deployment);
    return { url: `${azureRealtimeBaseURL(settings.endpoint)}/realtime?model=${model}`, headers: { 'api-key': settings.apiKey } };
  }
  return {
    url: `${settings.baseURL}/realtime?model=${encodeURIComponent(settings.model)}`,
    headers: { authorization: `Bearer ${settings.apiKey}` },
  };
}
