/**
 * Every metric the gateway exposes: one list, read by the Node registry
 * (prom-client), the Worker's counters, the Grafana dashboard test and the
 * README. Labels are bounded: sites come from config, codes from the
 * gateway's own lists; never a session, an address or a tool argument.
 */
export type FamilyType = 'counter' | 'gauge' | 'histogram';

export interface Family {
  name: string;
  help: string;
  type: FamilyType;
  labels: readonly string[];
  /** Histogram bucket upper bounds. */
  buckets?: readonly number[];
}

const family = (type: FamilyType, name: string, labels: readonly string[], help: string, buckets?: readonly number[]): Family => ({
  name: `contoso_voice_${name}`,
  help,
  type,
  labels,
  ...(buckets ? { buckets } : {}),
});

export const FAMILIES = {
  sessionsOpen: family('gauge', 'sessions_open', ['site'], 'Conversations alive now (attached or waiting for their client), per process or isolate set.'),
  sessionsOpened: family('counter', 'sessions_opened_total', ['site'], 'Conversations started.'),
  sessionsClosed: family('counter', 'sessions_closed_total', ['site', 'code', 'by'], 'Conversations ended, by close code and by whom (gateway or client).'),
  sessionDuration: family('histogram', 'session_duration_seconds', ['site'], 'How long conversations lasted.', [10, 30, 60, 120, 300, 600, 900, 1800, 3600]),
  refusals: family('counter', 'refusals_total', ['site', 'stage', 'code'], 'Requests and client events refused, by stage (token, session, client, limit, tool) and stable code.'),
  upstreamErrors: family('counter', 'upstream_errors_total', ['site', 'event', 'code'], 'Model service trouble: error events, dropped sockets, failed dials, malformed events, response timeouts.'),
  toolCalls: family('counter', 'tool_calls_total', ['site', 'tool', 'ok'], 'Tool calls run, by tool and outcome.'),
  toolDuration: family('histogram', 'tool_duration_seconds', ['site', 'tool'], 'Tool call latency.', [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10]),
  relayFrames: family('counter', 'relay_frames_total', ['site', 'direction'], 'WebSocket frames relayed between shoppers and the gateway (direction: from_client, to_client).'),
  relayBytes: family('counter', 'relay_bytes_total', ['site', 'direction'], 'Payload relayed between shoppers and the gateway: bytes of binary frames, characters of text frames.'),
  audioSeconds: family('counter', 'audio_seconds_total', ['site', 'direction'], 'Seconds of PCM16 24 kHz audio sent to the model (in) and received from it (out).'),
  tokens: family('counter', 'tokens_total', ['site', 'model', 'lane', 'kind'], 'Model tokens by kind (input_text, input_audio, input_cached, output_text, output_audio), from response usage.'),
  cost: family('counter', 'cost_usd_total', ['site', 'model', 'lane'], 'Model cost in US dollars at the price table.'),
  usageUnknown: family('counter', 'usage_unknown_total', ['site', 'model', 'lane'], 'Responses whose usage block was missing or invalid (not priced).'),
  budgetRemaining: family('gauge', 'budget_remaining_usd', ['site'], "What is left of the site's tightest budget, in US dollars."),
  budgetLevel: family('gauge', 'budget_level', ['site'], 'Budget state: 0 ok, 1 near the cap (wrapping up), 2 exhausted.'),
  webhooks: family('counter', 'webhooks_total', ['site', 'outcome'], 'Conversation webhooks delivered or dropped after their retries.'),
} as const satisfies Record<string, Family>;

export type FamilyKey = keyof typeof FAMILIES;

export const FAMILY_LIST: readonly Family[] = Object.values(FAMILIES);
