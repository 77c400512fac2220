// What the shop apps serve besides the gateway: a page with the script tag, and (for Hono) the widget's files from its package.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The widget's script-tag build and its worklet, self-hosted from the installed package. */
export const WIDGET_FILES = {
  '/shop-assets/widget.js': fileURLToPath(import.meta.resolve('@contoso-voice/widget/widget.js')),
  '/shop-assets/worklets/audio.js': fileURLToPath(import.meta.resolve('@contoso-voice/widget/worklets/audio.js')),
};

export const widgetFile = (path) => (path in WIDGET_FILES ? readFileSync(WIDGET_FILES[path]) : null);

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
