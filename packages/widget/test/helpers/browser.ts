/**
 * Debian's Chromium driven by playwright-core, kept off the network, with a
 * fake microphone that plays a WAV file. Without a browser the suites that
 * need one skip loudly, except in CI (CONTOSO_REQUIRE_BROWSER=1), where a
 * missing browser is a failure.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROME_PATH);

if (!browserAvailable) {
  const message = `No Chromium at ${CHROME_PATH}: browser tests need it. Install it with "apt-get install -y chromium" or set CHROME_PATH.`;
  if (process.env.CONTOSO_REQUIRE_BROWSER === '1') throw new Error(message);
  console.warn(`\n*** SKIPPING BROWSER TESTS ***\n${message}\n`);
}

const OFFLINE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** A WAV the fake microphone plays, looping. */
  microphone?: string;
  /** Deny the microphone instead of granting it. */
  denyMicrophone?: boolean;
}

export async function launchBrowser(o: LaunchOptions = {}): Promise<Browser> {
  const args = [...OFFLINE_FLAGS];
  if (!o.denyMicrophone) args.push('--use-fake-ui-for-media-stream');
  args.push('--use-fake-device-for-media-stream');
  if (o.microphone) args.push(`--use-file-for-fake-audio-capture=${o.microphone}`);
  return chromium.launch({ executablePath: CHROME_PATH, headless: true, args });
}

/** A context that records console errors, so a test can assert there were none. */
export async function newContext(browser: Browser): Promise<BrowserContext & { consoleErrors: string[] }> {
  const context = (await browser.newContext()) as BrowserContext & { consoleErrors: string[] };
  context.consoleErrors = [];
  context.on('page', (page) => page.on('console', (m) => m.type() === 'error' && context.consoleErrors.push(m.text())));
  return context;
}
