/**
 * `npm start`'s metrics settings. METRICS_TOKEN: GET /metrics on the
 * gateway's own port, with `Authorization: Bearer <token>`. METRICS_PORT:
 * a listener of its own (METRICS_HOST, default 127.0.0.1), no token. Either,
 * both, or neither: then nothing is counted and /metrics is a 404.
 */
import { nodeMetrics, type NodeMetrics } from './prom-registry.js';

/** Shorter than this, a token is guessable. */
const MIN_TOKEN_CHARS = 16;

export interface MetricsSettings {
  metrics?: NodeMetrics;
  listener?: { port: number; hostname: string };
  /** The start-up line: where metrics are, or how to turn them on. */
  describe(gatewayUrl: string, listenerUrl?: string): string;
}

export function metricsFromEnv(env: Record<string, string | undefined>, sites: readonly string[]): MetricsSettings {
  const token = env.METRICS_TOKEN || undefined;
  if (token && token.length < MIN_TOKEN_CHARS) throw new Error(`METRICS_TOKEN must be at least ${MIN_TOKEN_CHARS} characters`);
  const rawPort = env.METRICS_PORT;
  let listener: MetricsSettings['listener'];
  if (rawPort) {
    const port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`METRICS_PORT must be a port number, not "${rawPort}"`);
    listener = { port, hostname: env.METRICS_HOST || '127.0.0.1' };
  }
  if (!token && !listener) {
    return { describe: () => '  metrics: off (set METRICS_TOKEN for GET /metrics on this port, or METRICS_PORT for a listener of its own)' };
  }
  return {
    metrics: nodeMetrics({ sites, token }),
    listener,
    describe: (gatewayUrl, listenerUrl) =>
      `  metrics: ${[token ? `${gatewayUrl}/metrics (bearer METRICS_TOKEN)` : '', listenerUrl ?? ''].filter(Boolean).join(' and ')}`,
  };
}
