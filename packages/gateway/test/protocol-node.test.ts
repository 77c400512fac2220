/** The protocol suite against the Node gateway in this process. */
import { protocolSuite } from './protocol/all.js';
import { startNodeTarget } from './protocol/node-target.js';

protocolSuite(startNodeTarget);
