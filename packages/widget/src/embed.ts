/**
 * The script tag: <script async src="https://GATEWAY/widget.js" data-site="demo"></script>,
 * from the gateway or from the retailer's own origin beside worklets/audio.js.
 * Defines <contoso-voice>, mounts one on the page if the retailer did not
 * place one, and runs the window.ContosoVoice command queue.
 */
import { createVoiceAssistant, type AssistantOptions } from './assistant.js';
import { runCommand, runCommands, type PageApi } from './command-queue.js';

const script = document.currentScript as HTMLScriptElement | null;
// The directory widget.js was loaded from: the gateway's URL when data-gateway is left out (…/voice/widget.js → …/voice),
// and always where the worklet module is, as the two are one build served side by side.
const scriptBase = script?.src ? new URL('.', script.src).href : location.origin + '/';

function optionsFrom(el: Element | null): AssistantOptions {
  const attr = (name: string) => el?.getAttribute(name) ?? script?.getAttribute(`data-${name}`) ?? undefined;
  const position = attr('position');
  return {
    site: attr('site') ?? 'demo',
    gateway: attr('gateway') ?? scriptBase,
    workletBase: scriptBase + 'worklets/',
    title: attr('title'),
    greeting: attr('greeting'),
    accent: attr('accent'),
    lang: attr('lang'),
    position: position === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    readPageProduct: attr('context') !== 'off',
  };
}

class ContosoVoiceElement extends HTMLElement {
  connectedCallback() {
    createVoiceAssistant(optionsFrom(this)).mount(this);
  }
}

const w = window as unknown as { ContosoVoice?: unknown };
// A second copy of the script finds the API already in place and does nothing.
if (!(w.ContosoVoice as PageApi | undefined)?.setContext) {
  if (!customElements.get('contoso-voice')) customElements.define('contoso-voice', ContosoVoiceElement);
  const placed = document.querySelector('contoso-voice');
  const assistant = createVoiceAssistant(optionsFrom(placed));
  // The assistant's methods need no `this`, so the page API hands them over as they are.
  const api: PageApi = {
    open: assistant.open,
    close: assistant.close,
    sendText: (text) => {
      assistant.open();
      assistant.sendText(String(text));
    },
    setContext: assistant.setContext,
    on: assistant.on,
    getToken: assistant.setGetToken,
    registerTool: assistant.registerTool,
    push: (command) => runCommand(api, command),
  };
  const queued = w.ContosoVoice;
  w.ContosoVoice = api;
  runCommands(api, queued);
  if (!placed) {
    const mount = () => document.body.appendChild(document.createElement('contoso-voice'));
    if (document.body) mount();
    else addEventListener('DOMContentLoaded', mount);
  }
}
