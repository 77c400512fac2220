/** The hardening suite alone against the Node gateway, for working on it; protocol-node.test.ts runs it with the rest. */
import { hardeningSuite } from './protocol/hardening.suite.js';
import { startNodeTarget } from './protocol/node-target.js';

hardeningSuite(startNodeTarget);
