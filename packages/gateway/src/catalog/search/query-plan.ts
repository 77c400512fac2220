/**
 * A query turned into bounded work: at most MAX_QUERY_TERMS words, each with
 * the index terms it may match and how much each counts. The last word also
 * matches as a prefix (the shopper may not have finished it); a word of
 * TYPO_MIN_LENGTH+ letters that the catalog does not have matches its
 * one-typo neighbours. A word the catalog has is taken as meant: expanding
 * real words ("light" → "night") would only add noise and time.
 */
import type { InvertedIndex } from './inverted-index.js';
import type { Tokenizer } from './tokens.js';
import type { TypoTable } from './typo-table.js';
import { foldedWords } from './name-lookup.js';

export const MAX_QUERY_TERMS = 12;
/** Text beyond this is not read at all: no product name or question is longer. */
export const MAX_QUERY_CHARS = 1_000;
export const TYPO_MIN_LENGTH = 5;
/** Each letter of a word costs one lookup; longer "words" are noise, not typos. */
const TYPO_MAX_LENGTH = 32;
const PREFIX_MIN_LENGTH = 2;
const MAX_PREFIX_TERMS = 24;
/** How many words a prefix may cover before we stop reading them to pick the commonest. */
const MAX_PREFIX_SCAN = 4_000;
const MAX_TYPO_TERMS = 8;
const PREFIX_WEIGHT = 0.7;
const TYPO_WEIGHT = 0.6;

export interface Expansion {
  termId: number;
  weight: number;
}

export interface PlannedWord {
  written: string;
  expansions: Expansion[];
}

export interface QueryPlan {
  words: PlannedWord[];
  /** The query's words folded (stop words kept), for recognising a whole product name in it. */
  folded: string[];
}

function firstAtLeast(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function prefixTerms(index: InvertedIndex, prefix: string, exclude: number | undefined): Expansion[] {
  const byTerm = new Set<number>();
  for (let at = firstAtLeast(index.words, prefix), seen = 0; at < index.words.length && seen < MAX_PREFIX_SCAN; at++, seen++) {
    if (!index.words[at]!.startsWith(prefix)) break;
    const termId = index.wordTerms[at]!;
    if (termId !== exclude) byTerm.add(termId);
  }
  // The commonest completions are the likeliest meant.
  return [...byTerm]
    .sort((a, b) => index.postings[b]!.docs.length - index.postings[a]!.docs.length)
    .slice(0, MAX_PREFIX_TERMS)
    .map((termId) => ({ termId, weight: PREFIX_WEIGHT }));
}

export function planQuery(query: string, tokenizer: Tokenizer, index: InvertedIndex, typos: TypoTable): QueryPlan {
  const text = query.slice(0, MAX_QUERY_CHARS);
  const tokens = tokenizer.tokens(text, MAX_QUERY_TERMS);
  const words = tokens.map((token, position): PlannedWord => {
    const exact = index.termIds.get(token.term);
    const expansions: Expansion[] = exact === undefined ? [] : [{ termId: exact, weight: 1 }];
    const isLast = position === tokens.length - 1;
    if (isLast && token.folded.length >= PREFIX_MIN_LENGTH && !token.folded.includes(' ')) expansions.push(...prefixTerms(index, token.folded, exact));
    if (exact === undefined && token.folded.length >= TYPO_MIN_LENGTH && token.term.length <= TYPO_MAX_LENGTH) {
      const known = new Set(expansions.map((e) => e.termId));
      for (const termId of typos.neighbours(token.term, MAX_TYPO_TERMS)) if (!known.has(termId)) expansions.push({ termId, weight: TYPO_WEIGHT });
    }
    return { written: token.written, expansions };
  });
  return { words, folded: foldedWords(text) };
}
