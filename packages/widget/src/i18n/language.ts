/**
 * Which table the widget speaks, and which way it writes: the site's
 * explicit choice, then the `lang` nearest the widget on the page, then the
 * document's, then the browser's list. The first language with a table wins;
 * direction follows the language the page asked for, so a page in Hebrew
 * that supplies its own words gets a right-to-left widget too.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

const RTL = /^(ar|he|fa|ur|ps|sd|yi|dv|ckb)$/;

const base = (tag: string) => tag.trim().toLowerCase().split(/[-_]/)[0]!;

export function pickLanguage(candidates: readonly (string | null | undefined)[]): { lang: Language; dir: 'ltr' | 'rtl' } {
  const tags = candidates.filter((c): c is string => !!c?.trim()).map(base);
  const lang = (tags.find((t) => (LANGUAGES as readonly string[]).includes(t)) ?? 'en') as Language;
  return { lang, dir: RTL.test(tags[0] ?? lang) ? 'rtl' : 'ltr' };
}

/** The candidates as a browser has them, nearest first. */
export function pageLanguages(host: Element | null, explicit?: string): (string | undefined)[] {
  return [explicit, host?.closest('[lang]')?.getAttribute('lang') ?? undefined, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
}
