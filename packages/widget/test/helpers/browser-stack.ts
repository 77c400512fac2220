/**
 * What every browser test stands on: a gateway on the local engine, a shop
 * page server on another origin, and Chromium with a fake microphone.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, type LaunchOptions } from './browser.js';
import { servePages, type PageServer } from './page-server.js';
import { startTestGateway, type TestGateway } from '../../../gateway/test/helpers/gateway.js';
import type { NodeServerOptions } from '../../../gateway/src/node.js';

export interface BrowserStack {
  /** Replaceable, for tests that restart the gateway; close() closes whichever is current. */
  gw: TestGateway;
  pages: PageServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserStack(
  pages: (gatewayUrl: string) => Parameters<typeof servePages>[0],
  options: LaunchOptions & { gateway?: Partial<NodeServerOptions> } = {},
): Promise<BrowserStack> {
  const gw = await startTestGateway(options.gateway);
  const stack: BrowserStack = {
    gw,
    pages: await servePages(pages(gw.url)),
    browser: await launchBrowser(options),
    async close() {
      await stack.browser.close();
      await stack.pages.close();
      await stack.gw.close();
    },
  };
  return stack;
}
