/**
 * The Snowball stemmer for a catalog's language, so that "Regenjacken" finds
 * "Regenjacke" and "lumières" finds "lumière". @orama/stemmers ships each
 * language as a small pure function (no eval, no Node built-ins).
 */
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as german } from '@orama/stemmers/german';
import { stemmer as french } from '@orama/stemmers/french';
import { stemmer as spanish } from '@orama/stemmers/spanish';
import { stemmer as italian } from '@orama/stemmers/italian';
import { stemmer as dutch } from '@orama/stemmers/dutch';
import { stemmer as portuguese } from '@orama/stemmers/portuguese';

export type Stemmer = (word: string) => string;

const BY_LANGUAGE: ReadonlyMap<string, Stemmer> = new Map([
  ['en', english], ['de', german], ['fr', french], ['es', spanish], ['it', italian], ['nl', dutch], ['pt', portuguese],
]);

/** The primary subtag decides: `de-AT` stems as German; anything unknown as English. */
export function languageOf(tag: string | undefined): string {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return BY_LANGUAGE.has(primary) ? primary : 'en';
}

export function stemmerFor(language: string): Stemmer {
  const stem = BY_LANGUAGE.get(languageOf(language)) ?? english;
  // Stems are computed for every word of every product: memoise, the vocabulary is far smaller than the text.
  const cache = new Map<string, string>();
  return (word) => {
    const known = cache.get(word);
    if (known !== undefined) return known;
    const stemmed = word.length < 3 ? word : stem(word);
    if (cache.size < 200_000) cache.set(word, stemmed);
    return stemmed;
  };
}
