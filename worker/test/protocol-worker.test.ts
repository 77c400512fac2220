/**
 * The protocol and security suites against the Worker: workerd under
 * `wrangler dev`, from node_modules, offline, with the local engine running
 * inside the Worker.
 */
import { protocolSuite } from '../../packages/gateway/test/protocol/all.js';
import { securitySuite } from '../../packages/gateway/test/protocol/security.suite.js';
import { startWorkerTarget } from './helpers/worker-target.js';
import { fuzzSuite } from '../../packages/gateway/test/protocol/fuzz.suite.js';
import { hardeningSuite } from '../../packages/gateway/test/protocol/hardening.suite.js';
import { continuitySuite } from '../../packages/gateway/test/protocol/continuity.suite.js';

protocolSuite(startWorkerTarget, 90_000);
securitySuite(startWorkerTarget, 90_000);
fuzzSuite(startWorkerTarget, 90_000);
continuitySuite(startWorkerTarget, 90_000);
hardeningSuite(startWorkerTarget, 90_000);
