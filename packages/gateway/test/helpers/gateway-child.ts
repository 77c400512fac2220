/**
 * A Node gateway in a process of its own, for tests that must change the
 * process itself (a lowered descriptor limit). Connection settings come as
 * JSON in CONNECTIONS; it prints `listening URL` once it is up.
 */
import { startNodeGateway } from '../../src/node.js';
import { localUpstream } from '../../src/upstream/local/index.js';
import { bundledDemo } from '../../src/sites/demo-site.js';
import { TEST_SITE_SECRET, TEST_TOKEN_SECRET } from './test-secrets.js';

const gw = await startNodeGateway({
  upstream: localUpstream(),
  ...bundledDemo(),
  port: 0,
  hostname: '127.0.0.1',
  security: { tokenSecret: TEST_TOKEN_SECRET, siteSecrets: { demo: TEST_SITE_SECRET } },
  connections: JSON.parse(process.env.CONNECTIONS || '{}'),
});
console.log(`listening ${gw.url}`);
process.once('SIGTERM', () => void gw.close().then(() => process.exit(0)));
