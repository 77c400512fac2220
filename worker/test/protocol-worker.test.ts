/**
 * The protocol suite against the Worker: workerd under `wrangler dev`, from
 * node_modules, offline, with the local engine running inside the Worker.
 */
import { protocolSuite } from '../../packages/gateway/test/protocol/all.js';
import { startWorkerTarget } from './helpers/worker-target.js';

protocolSuite(startWorkerTarget, 90_000);
