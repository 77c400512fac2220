/** The config createGateway runs with: with metrics, a logger that counts and an upstream that measures audio. */
import type { GatewayConfig } from '../config.js';
import { silentLogger } from '../log.js';

export function instrumented(config: GatewayConfig): GatewayConfig {
  const metrics = config.metrics;
  if (!metrics) return config;
  return { ...config, log: metrics.wrapLog(config.log ?? silentLogger), upstream: metrics.wrapUpstream(config.upstream) };
}
