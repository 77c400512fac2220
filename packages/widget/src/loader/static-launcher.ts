/**
 * The launcher as the loader draws it, with plain DOM and no framework: the
 * same markup and CSS as ui/launcher.tsx, in the element's shadow root,
 * marked so the app can find and replace it once it has drawn its own.
 */
import launcherCss from '../ui/launcher.css';
import staticCss from './static.css';
import { CHAT_ICON, CLOSE_ICON, LAUNCHER_LABEL } from '../ui/launcher-markup.js';

export interface StaticLauncher {
  button: HTMLButtonElement;
  /** Shows `text` above the button (or clears it with null): why the assistant did not open. */
  note(text: string | null): void;
}

/** An element with its attributes; the SVG ones in their namespace. */
function make<K extends keyof HTMLElementTagNameMap>(tag: K | 'svg' | 'path', attrs: Record<string, string>, ...kids: Node[]) {
  const el = tag === 'svg' || tag === 'path' ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  el.append(...kids);
  return el as HTMLElementTagNameMap[K];
}

export function drawLauncher(host: Element, look: { position: string; accent?: string; label?: string; open: boolean }): StaticLauncher {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const css = staticCss + launcherCss + (look.accent ? `:host{--cv-accent:${look.accent}}` : '');
  // A constructed sheet is not inline style, so a strict style-src needs no 'unsafe-inline' (as in assistant.tsx).
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(make('style', {}, new Text(css)));
  }
  const icon = make('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', width: '26', height: '26' }, make('path', { d: look.open ? CLOSE_ICON : CHAT_ICON, fill: 'currentColor' }));
  const button = make('button', { type: 'button', class: 'launcher', 'aria-label': look.label ?? LAUNCHER_LABEL, 'aria-expanded': String(look.open) }, icon);
  // data-cv-static: ui/launcher-swap.ts removes this copy once the app's launcher is drawn.
  const corner = make('div', { class: `root ${look.position}`, 'data-cv-static': '' }, button);
  root.append(corner);
  let shown: Element | undefined;
  return {
    button,
    note(text) {
      shown?.remove();
      if (text != null) corner.prepend((shown = make('p', { class: 'launcher-note', role: 'alert' }, new Text(text))));
    },
  };
}
