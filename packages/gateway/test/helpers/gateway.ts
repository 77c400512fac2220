import { startNodeGateway, type NodeServerOptions, type RunningGateway } from '../../src/node.js';
import { localUpstream, type LocalEngine } from '../../src/upstream/local/index.js';
import { bundledDemo } from '../../src/sites/demo-site.js';
import type { LogFields } from '../../src/log.js';
import { ROOMY_ADDRESS_LIMITS, TEST_SITE_SECRET, TEST_TOKEN_SECRET } from './test-secrets.js';

export interface TestGateway extends RunningGateway {
  wsUrl: string;
  logs: { event: string; fields: LogFields }[];
  engines: LocalEngine[];
}

/** A real gateway on 127.0.0.1 with a free port, the local engine unless told otherwise. */
export async function startTestGateway(options: Partial<NodeServerOptions> = {}): Promise<TestGateway> {
  const logs: TestGateway['logs'] = [];
  const engines: LocalEngine[] = [];
  const gw = await startNodeGateway({
    upstream: localUpstream({ onEngine: (e) => engines.push(e) }),
    ...bundledDemo(),
    port: 0,
    hostname: '127.0.0.1',
    log: (event, fields = {}) => logs.push({ event, fields }),
    security: { tokenSecret: TEST_TOKEN_SECRET, siteSecrets: { demo: TEST_SITE_SECRET } },
    ...options,
    limits: { ...ROOMY_ADDRESS_LIMITS, ...options.limits },
    // Every test client comes from 127.0.0.1; the per-address cap has tests of its own (node-descriptors.test.ts).
    connections: { perAddress: 100_000, ...options.connections },
  });
  return { ...gw, wsUrl: `${gw.url.replace(/^http/, 'ws')}/v1/realtime`, logs, engines };
}
