/**
 * English is in the main chunk; every other table is its own small chunk,
 * fetched only on a page in that language.
 */
import type { Messages } from './en.js';
import type { Language } from './language.js';

type Table = Partial<Messages>;

const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Table }>> = {
  de: () => import('./de.js'),
  fr: () => import('./fr.js'),
  es: () => import('./es.js'),
  ar: () => import('./ar.js'),
};

/** The table for `lang`; English (every key's fallback) when it is English or its chunk cannot be had. */
export async function loadMessages(lang: Language): Promise<Table> {
  if (lang === 'en') return {};
  try {
    return (await LOADERS[lang]()).default;
  } catch (err) {
    console.warn(`contoso-voice: the ${lang} strings did not load; showing English`, err);
    return {};
  }
}
