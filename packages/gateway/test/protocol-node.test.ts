/** The protocol and security suites against the Node gateway in this process. */
import { protocolSuite } from './protocol/all.js';
import { securitySuite } from './protocol/security.suite.js';
import { startNodeTarget } from './protocol/node-target.js';
import { fuzzSuite } from './protocol/fuzz.suite.js';
import { hardeningSuite } from './protocol/hardening.suite.js';
import { continuitySuite } from './protocol/continuity.suite.js';

protocolSuite(startNodeTarget);
securitySuite(startNodeTarget);
fuzzSuite(startNodeTarget);
continuitySuite(startNodeTarget);
hardeningSuite(startNodeTarget);
