/**
 * The script tag: <script async src="https://GATEWAY/widget.js" data-site="demo"></script>,
 * from the gateway or from the retailer's own origin beside chunks/ and worklets/.
 * This is only the loader: it defines <contoso-voice>, draws the launcher in
 * it, and queues the window.ContosoVoice calls. The UI, socket and audio
 * (chunks/app.js) load on the shopper's first touch of the launcher, when the
 * page calls open or sendText, when a restored panel or conversation needs
 * them, or when idle with data-preload="idle".
 */
import { appLoader } from './loader/load-app.js';
import { queuedApi } from './loader/queued-api.js';
import { drawLauncher, type StaticLauncher } from './loader/static-launcher.js';
import { kept, restored, whenIdle } from './loader/wake.js';
import type { StartedApp } from './loader/contract.js';
import type { PageApi } from './command-queue.js';

const script = document.currentScript as HTMLScriptElement | null;
// The directory widget.js was loaded from: the gateway's URL when data-gateway is left out (…/voice/widget.js → …/voice),
// and always where the chunks and the worklet module are, as they are one build served side by side.
const base = script?.src ? new URL('.', script.src).href : location.origin + '/';
const w = window as unknown as { ContosoVoice?: unknown };

// A second copy of the script finds the API already in place and does nothing.
if (!(w.ContosoVoice as PageApi | undefined)?.setContext) {
  const attr = (el: Element | null, name: string) => el?.getAttribute(name) ?? script?.getAttribute(`data-${name}`) ?? undefined;
  const site = attr(document.querySelector('contoso-voice'), 'site') ?? 'demo';
  const fetchApp = appLoader(base + 'chunks/app.js');
  let app: StartedApp | null = null;
  // The element on the page now, and its static launcher while the app is not there.
  let host: Element | null = null;
  let launcher: StaticLauncher | null = null;

  /** Loads the app; `asked` when the shopper or the page wants the panel, so a failure is shown, not only logged. */
  const load = (asked?: boolean) => {
    if (app) return;
    fetchApp().then(
      (start) => {
        if (app) return;
        app = start({ script, base });
        queue.attach(app);
        if (host) app.mount(host);
      },
      () => {
        if (!asked || !launcher) return;
        launcher.button.setAttribute('aria-expanded', 'false');
        launcher.note('The assistant could not load. Click to try again.');
      },
    );
  };
  const queue = queuedApi(() => load(true), {
    conversationId: () => {
      const id = kept(site, 'conversation');
      return typeof id === 'string' ? id : null;
    },
  });

  const draw = (el: Element) => {
    launcher = drawLauncher(el, {
      position: attr(el, 'position') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
      accent: attr(el, 'accent'),
      label: attr(el, 'title'),
      open: kept(site, 'open') === true,
    });
    const button = launcher.button;
    // Hovering or focusing fetches early, so the click usually finds the app there.
    for (const type of ['pointerenter', 'pointerdown', 'focus']) button.addEventListener(type, () => load());
    button.addEventListener('click', () => {
      launcher?.note(null);
      // Queued like the page's calls: the first click opens the panel, and a click while it loads stays one open.
      if (button.getAttribute('aria-expanded') !== 'true') {
        button.setAttribute('aria-expanded', 'true');
        queue.api.open();
      }
      load(true);
    });
  };

  class ContosoVoiceElement extends HTMLElement {
    connectedCallback() {
      host = this;
      if (app) app.mount(this);
      else if (!this.shadowRoot) draw(this);
    }
  }
  if (!customElements.get('contoso-voice')) customElements.define('contoso-voice', ContosoVoiceElement);

  const queued = w.ContosoVoice;
  w.ContosoVoice = queue.api;
  if (Array.isArray(queued)) for (const command of queued) queue.api.push(command);
  if (!document.querySelector('contoso-voice')) {
    const mount = () => document.body.appendChild(document.createElement('contoso-voice'));
    if (document.body) mount();
    else addEventListener('DOMContentLoaded', mount);
  }
  if (restored(site)) load();
  else if (attr(document.querySelector('contoso-voice'), 'preload') === 'idle') whenIdle(() => load());
}
