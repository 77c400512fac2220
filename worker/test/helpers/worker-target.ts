import { startWranglerDev } from './wrangler-dev.js';
import type { GatewayLimits } from '../../../packages/gateway/src/config.js';
import { startTlsFront } from '../../../packages/gateway/test/helpers/tls-front.js';
import { ROOMY_ADDRESS_LIMITS } from '../../../packages/gateway/test/helpers/test-secrets.js';
import { SUITE_LIMITS, type EngineState, type GatewayTarget, type LogLine, type TargetEngineOptions } from '../../../packages/gateway/test/protocol/target.js';

/** The Worker in workerd under `wrangler dev`, with the local engine and its test inspector on; `limits` go over the suite's. */
export async function startWorkerTarget(limits: Partial<GatewayLimits> = {}, engine: TargetEngineOptions = {}): Promise<GatewayTarget & { output: string[] }> {
  const dev = await startWranglerDev({
    UPSTREAM: 'local',
    LOCAL_ENGINE_INSPECT: 'on',
    LIMITS: JSON.stringify({ ...ROOMY_ADDRESS_LIMITS, ...SUITE_LIMITS, ...limits }),
    ...(engine.maxSessionMs ? { LOCAL_MAX_SESSION_MS: String(engine.maxSessionMs) } : {}),
  });
  const front = await startTlsFront(dev.port);
  return {
    name: 'worker',
    url: dev.url,
    port: dev.port,
    wsUrl: `${dev.url.replace(/^http/, 'ws')}/v1/realtime`,
    tlsUrl: front.url,
    ca: front.ca,
    output: dev.output,
    async inspect(id) {
      const res = await fetch(`${dev.url}/v1/debug/sessions/${encodeURIComponent(id)}`);
      return res.ok ? ((await res.json()) as EngineState) : undefined;
    },
    logs: () =>
      dev.output.flatMap((line): LogLine[] => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      }),
    async close() {
      await front.close();
      await dev.stop();
    },
  };
}
