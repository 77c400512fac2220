/**
 * The assistant with its UI: the voice client plus a Preact app rendered
 * into a shadow root, so host CSS cannot reach in and ours cannot leak out.
 * One assistant per site and gateway on a page: creating it again, or
 * mounting it again, reuses the same socket and audio graph.
 */
import { render } from 'preact';
import type { WritableAtom } from 'nanostores';
import type { ProductCard } from '@contoso-voice/protocol';
import { persistedAtom } from './stores/persisted.js';
import { createVoiceClient, type ClientOptions, type VoiceClient } from './client.js';
import { App } from './ui/app.js';
import { widgetCss } from './ui/styles.js';

export interface AssistantOptions extends ClientOptions {
  title?: string;
  greeting?: string;
  position?: 'bottom-right' | 'bottom-left';
  /** Accent colour, any CSS colour. */
  accent?: string;
}

export interface VoiceAssistant extends Omit<VoiceClient, 'destroy'> {
  open(): void;
  close(): void;
  mount(el: Element): void;
  unmount(): void;
  destroy(): void;
  $open: WritableAtom<boolean>;
}

const REGISTRY_KEY = '__contosoVoiceAssistants';
type Registry = Map<string, VoiceAssistant>;

function registry(): Registry {
  const g = globalThis as unknown as Record<string, Registry>;
  return (g[REGISTRY_KEY] ??= new Map());
}

export function createVoiceAssistant(options: AssistantOptions): VoiceAssistant {
  const key = `${options.gateway}|${options.site ?? 'demo'}`;
  const existing = registry().get(key);
  if (existing) return existing;

  const client = createVoiceClient(options);
  // Kept in sessionStorage, so the panel is open on the next page if it was on this one.
  const $open = persistedAtom(`contoso-voice:${client.site}:open`, false);
  $open.listen((v) => client.emit(v ? 'open' : 'close'));
  let host: Element | null = null;
  let container: HTMLElement | null = null;

  // The cart events are DOM events on <contoso-voice> too, from a card's button and from the assistant alike.
  for (const name of ['add_to_cart', 'remove_from_cart'] as const) {
    client.on(name, (detail) => host?.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true })), true);
  }
  const onAdd = (product: ProductCard) => client.addToCart(product);

  const assistant: VoiceAssistant = {
    ...client,
    $open,
    open: () => $open.set(true),
    close() {
      client.stopVoice();
      $open.set(false);
    },
    mount(el) {
      if (host === el) return;
      assistant.unmount();
      const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
      const css = widgetCss + (options.accent ? `:host{--cv-accent:${options.accent}}` : '');
      container = document.createElement('div');
      if (options.lang) container.lang = options.lang;
      root.replaceChildren(container);
      // A constructed stylesheet is not inline style, so a strict style-src needs no 'unsafe-inline'.
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        root.adoptedStyleSheets = [sheet];
      } catch {
        const style = document.createElement('style');
        style.textContent = css;
        root.prepend(style);
      }
      host = el;
      render(
        <App
          client={client}
          $open={$open}
          title={options.title ?? 'Shopping assistant'}
          greeting={options.greeting ?? 'Hi! Ask me about any gear, by voice or by typing.'}
          position={options.position ?? 'bottom-right'}
          onAdd={onAdd}
        />,
        container,
      );
    },
    unmount() {
      if (container) render(null, container);
      container?.remove();
      host = container = null;
    },
    destroy() {
      assistant.unmount();
      client.destroy();
      registry().delete(key);
    },
  };
  registry().set(key, assistant);
  return assistant;
}
