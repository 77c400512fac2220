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
import { App, type VoiceMode } from './ui/app.js';
import { widgetCss } from './ui/styles.js';
import { applyLanguage } from './i18n/apply.js';
import { t, type StringOverrides } from './i18n/strings.js';
import { setLinkHosts } from './ui/link-policy.js';
import { dropStatic, placeBesideStatic } from './ui/launcher-swap.js';

export interface AssistantOptions extends ClientOptions {
  title?: string;
  greeting?: string;
  position?: 'bottom-right' | 'bottom-left';
  /** Accent colour, any CSS colour. */
  accent?: string;
  /** `light` (default), `dark`, or `auto` to follow the shopper's OS setting. */
  theme?: 'light' | 'dark' | 'auto';
  /** The site's own words for any UI string, by key (packages/widget/src/i18n/en.ts); a JSON string is accepted too. */
  strings?: StringOverrides | string;
  /** Hosts besides the page's own that links in answers may point to (`help.example.com`, `*.example.com`); https only. */
  linkHosts?: string[];
  /**
   * Voice on this site: `both` (default) opens on text, with a mic button in the panel that asks for the microphone;
   * `first` also starts voice with the click that opens the panel; `off` is text only, with no mic button.
   */
  voice?: VoiceMode;
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

const VOICE_MODES: VoiceMode[] = ['both', 'first', 'off'];
/** The site's voice mode; a value that is none of them is named in the console, and the default used. */
function voiceMode(mode: string | undefined): VoiceMode {
  if (mode === undefined || VOICE_MODES.includes(mode as VoiceMode)) return (mode as VoiceMode) ?? 'both';
  console.warn(`contoso-voice: voice "${mode}" is not one of ${VOICE_MODES.join(', ')}; using both`);
  return 'both';
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
  for (const name of ['add_to_cart', 'remove_from_cart', 'analytics'] as const) {
    client.on(name, (detail) => host?.dispatchEvent(new CustomEvent(name === 'analytics' ? 'contoso-voice:analytics' : name, { detail, bubbles: true, composed: true })), true);
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
      container.dataset.theme = options.theme === 'dark' || options.theme === 'auto' ? options.theme : 'light';
      // The loader's launcher stays until the app's is drawn (ui/launcher-swap.ts).
      placeBesideStatic(root, container);
      setLinkHosts(options.linkHosts ?? []);
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
      // A card's product link opened: select_item (analytics.ts).
      container.addEventListener('click', (e) => client.cardOpened((e.target as Element).closest<HTMLElement>('a[data-id]')?.dataset.id));
      const mine = container;
      const language = applyLanguage(mine, el, options, () => {
        render(
        <App
          client={client}
          $open={$open}
          title={options.title ?? t('title')}
          greeting={options.greeting ?? t('greeting')}
          position={options.position ?? 'bottom-right'}
          voiceMode={voiceMode(options.voice)}
          onAdd={onAdd}
        />,
        mine,
        );
        dropStatic(root, mine);
      });
      // The model and the local engine read the shopper's language from the page context.
      client.setContext({ language });
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
