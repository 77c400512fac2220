// What the shop apps serve besides the gateway: a page with the script tag, and (for Hono) the widget's files from its package.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The widget's script-tag folder in the installed package: widget.js, the chunks it loads, and the worklet. */
const WIDGET_DIR = dirname(fileURLToPath(import.meta.resolve('@contoso-voice/widget/widget.js')));
const SERVED = /^\/shop-assets\/(widget\.js|(?:chunks|worklets)\/[\w-]+\.js)$/;

/** A file of the script-tag build, self-hosted from the installed package; null for anything else. */
export function widgetFile(path) {
  const file = SERVED.exec(path)?.[1];
  try {
    return file ? readFileSync(join(WIDGET_DIR, file)) : null;
  } catch {
    return null;
  }
}

/** A shop page whose widget talks to the gateway at `gateway`; with `tokenRoute`, it gets each token from the shop's backend. */
export function shopPage({ gateway, site, tokenRoute }) {
  const getToken = tokenRoute
    ? `<script>window.ContosoVoice = window.ContosoVoice || [];
ContosoVoice.push(['getToken', async () => (await fetch('${tokenRoute}', { method: 'POST' })).json()]);</script>`
    : '';
  // The empty icon keeps the browser from asking for /favicon.ico, whose 404 the test would see as a console error.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A shop</title></head><body><h1>A shop</h1>
${getToken}<script async src="/shop-assets/widget.js" data-site="${site}" data-gateway="${gateway}"></script></body></html>`;
}

/** Tells the test where the app listens, as one JSON line. */
export const announce = (port) => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
