/**
 * Sets the widget's language and direction on its container, then draws:
 * at once for English, after its table's chunk for any other language, so
 * the panel never shows English words that turn German a moment later.
 */
import { loadMessages } from './load.js';
import { pageLanguages, pickLanguage } from './language.js';
import { readOverrides } from './overrides.js';
import { useStrings } from './strings.js';

export interface LanguageOptions {
  lang?: string;
  strings?: unknown;
}

/** Returns the language tag the page asked for (`de-AT`), for the page context the model reads. */
export function applyLanguage(container: HTMLElement, host: Element, options: LanguageOptions, draw: () => void): string {
  const candidates = pageLanguages(host, options.lang);
  const { lang, dir } = pickLanguage(candidates);
  container.lang = lang;
  // The widget's own direction, so the page's (an RTL shop, or an LTR one around an Arabic widget) cannot reorder it.
  container.dir = dir;
  const own = readOverrides(options.strings);
  if (lang === 'en') {
    useStrings({}, own);
    draw();
  } else {
    void loadMessages(lang).then((table) => {
      if (!container.isConnected) return;
      useStrings(table, own);
      draw();
    });
  }
  return candidates.find((c) => c?.trim()) ?? lang;
}
