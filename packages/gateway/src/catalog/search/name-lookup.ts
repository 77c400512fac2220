/**
 * Recognises a product named in full inside a query ("is the Vélo Léger in
 * stock?"), folded, without comparing the query against every name: names
 * are keyed by their folded words, and only the query's runs of words up to
 * the longest name's length are looked up.
 */
import { foldText } from './text-fold.js';

/** Bounds the lookups per query: runs start within the first words only, and a name longer than this is never recognised in full. */
const MAX_QUERY_WORDS = 40;
const MAX_NAME_WORDS = 16;

export function foldedWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface NameLookup {
  /** Products whose whole name appears in the query, or undefined when none does. */
  within(queryWords: readonly string[]): Set<number> | undefined;
}

export function buildNameLookup(names: readonly string[]): NameLookup {
  const byKey = new Map<string, number[]>();
  let longest = 0;
  names.forEach((name, doc) => {
    const words = foldedWords(name);
    if (words.length === 0 || words.length > MAX_NAME_WORDS) return;
    longest = Math.max(longest, words.length);
    const key = words.join(' ');
    const docs = byKey.get(key);
    if (docs) docs.push(doc);
    else byKey.set(key, [doc]);
  });

  return {
    within(queryWords) {
      let found: Set<number> | undefined;
      const words = queryWords.slice(0, MAX_QUERY_WORDS);
      for (let start = 0; start < words.length; start++) {
        let key = '';
        for (let end = start; end < words.length && end - start < longest; end++) {
          key = end === start ? words[end]! : `${key} ${words[end]}`;
          const docs = byKey.get(key);
          if (docs) for (const doc of docs) (found ??= new Set()).add(doc);
        }
      }
      return found;
    },
  };
}
