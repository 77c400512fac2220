import { startWranglerDev } from './wrangler-dev.js';
import { startTlsFront } from '../../../packages/gateway/test/helpers/tls-front.js';
import { SUITE_LIMITS, type EngineState, type GatewayTarget, type LogLine } from '../../../packages/gateway/test/protocol/target.js';

/** The Worker in workerd under `wrangler dev`, with the local engine and its test inspector on. */
export async function startWorkerTarget(vars: Record<string, string> = {}): Promise<GatewayTarget & { output: string[] }> {
  const dev = await startWranglerDev({
    UPSTREAM: 'local',
    LOCAL_ENGINE_INSPECT: 'on',
    MAX_MESSAGE_BYTES: String(SUITE_LIMITS.maxMessageBytes),
    ...vars,
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
