import { realtimeWsUpstream } from './realtime-ws.js';
import type { Upstream } from './types.js';

export interface OpenAIUpstreamOptions {
  apiKey: string;
  model?: string;
  /** Defaults to https://api.openai.com/v1. */
  baseURL?: string;
  ca?: string | Buffer;
}

/** OpenAI's Realtime API: wss://api.openai.com/v1/realtime?model=…, with a bearer key. */
export function openaiUpstream(o: OpenAIUpstreamOptions): Upstream {
  return realtimeWsUpstream({
    kind: 'openai',
    baseURL: (o.baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, ''),
    model: o.model ?? 'gpt-realtime',
    bearer: o.apiKey,
    ca: o.ca,
  });
}
