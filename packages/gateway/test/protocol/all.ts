/**
 * The gateway's protocol suite: the same tests for every runtime that hosts
 * the gateway. A test file starts one target and runs them all against it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { GatewayTarget } from './target.js';
import { openaiClientSuite } from './openai-client.suite.js';
import { policySuite } from './policy.suite.js';
import { badInputSuite } from './bad-input.suite.js';
import { pageContextSuite } from './page-context.suite.js';
import { audioSuite } from './audio.suite.js';
import { shopActionsSuite } from './shop-actions.suite.js';
import { clientEventsSuite } from './client-events.suite.js';

export function protocolSuite(start: () => Promise<GatewayTarget>, startTimeoutMs = 20_000) {
  let running: GatewayTarget | undefined;
  const target = () => {
    if (!running) throw new Error('the target did not start');
    return running;
  };
  beforeAll(async () => {
    running = await start();
  }, startTimeoutMs);
  afterAll(() => running?.close(), startTimeoutMs);
  openaiClientSuite(target);
  policySuite(target);
  badInputSuite(target);
  pageContextSuite(target);
  audioSuite(target);
  shopActionsSuite(target);
  clientEventsSuite(target);
  return target;
}
