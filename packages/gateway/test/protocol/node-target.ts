import { startTestGateway } from '../helpers/gateway.js';
import { startTlsFront } from '../helpers/tls-front.js';
import { inspectableLocalUpstream } from '../../src/upstream/local/inspector.js';
import { SUITE_LIMITS, type GatewayTarget, type TargetEngineOptions } from './target.js';
import type { GatewayLimits } from '../../src/config.js';

/** The Node gateway in this process, with the local engine; `limits` go over the suite's. */
export async function startNodeTarget(limits: Partial<GatewayLimits> = {}, engine: TargetEngineOptions = {}): Promise<GatewayTarget> {
  const local = inspectableLocalUpstream({ maxSessionMs: engine.maxSessionMs });
  const gw = await startTestGateway({ upstream: local.upstream, inspectSession: local.inspect, limits: { ...SUITE_LIMITS, ...limits } });
  const front = await startTlsFront(gw.port);
  return {
    name: 'node',
    url: gw.url,
    port: gw.port,
    wsUrl: gw.wsUrl,
    tlsUrl: front.url,
    ca: front.ca,
    inspect: async (id) => local.inspect(id),
    logs: () => gw.logs.map((l) => ({ ...l.fields, event: l.event })),
    async close() {
      await front.close();
      await gw.close();
    },
  };
}
