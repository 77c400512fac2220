/**
 * Text to search terms, the same way for products and for queries, so both
 * sides agree: folded, stop words dropped, counts as digits joined to their
 * unit ("four people" → "4-person"), other words stemmed for the catalog's
 * language. Hyphenated words also give their joined form ("E-Bike" → "ebike").
 */
import { foldText } from './text-fold.js';
import { COUNTED_UNITS, NUMBER_WORDS, STOP_WORDS } from './vocabulary.js';
import type { Stemmer } from './stemmers.js';

export interface Token {
  /** What is looked up in the index. */
  term: string;
  /** The folded word before stemming: prefix search runs on it, as the shopper may not have finished it. */
  folded: string;
  /** The word as written, for a hit's `matched`. */
  written: string;
}

export interface Tokenizer {
  tokens(text: string, maxTokens?: number): Token[];
}

/** One whitespace-separated chunk, analysed once: catalogs repeat the same words thousands of times. */
interface ChunkTokens {
  /** `unit` tokens join a count before them, across chunks ("4 person"). */
  parts: { token: Token; unit: boolean }[];
  joined?: Token;
}

const CHUNKS = /[^\s/]+/gu;
const RAW_WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^[0-9]+$/;
const MAX_CACHED_CHUNKS = 100_000;
const MAX_CHUNK_LENGTH = 64;
/** No real word is longer; stemming a 5,000-letter "word" would only burn time. */
const MAX_STEMMED_LENGTH = 40;

export function createTokenizer(language: string, stem: Stemmer): Tokenizer {
  const stopWords = new Set([...(STOP_WORDS.en ?? []), ...((Object.hasOwn(STOP_WORDS, language) && STOP_WORDS[language]) || [])]);
  const cache = new Map<string, ChunkTokens>();

  function analyse(chunk: string): ChunkTokens {
    const parts: ChunkTokens['parts'] = [];
    const folds: string[] = [];
    for (const written of chunk.normalize('NFC').match(RAW_WORD) ?? []) {
      for (const folded of foldText(written).match(WORD) ?? []) {
        folds.push(folded);
        const number = NUMBER_WORDS.get(folded);
        const unit = COUNTED_UNITS.get(folded);
        if (number) parts.push({ token: { term: number, folded, written }, unit: false });
        else if (unit) parts.push({ token: { term: unit, folded, written }, unit: true });
        else if (DIGITS.test(folded)) parts.push({ token: { term: folded, folded, written }, unit: false });
        else if (folded.length > MAX_STEMMED_LENGTH) parts.push({ token: { term: folded, folded, written }, unit: false });
        else if (!stopWords.has(folded) && folded.length > 1) parts.push({ token: { term: stem(folded), folded, written }, unit: false });
      }
    }
    // "E-Bike", "USB-C": the joined spelling too, which shoppers also type.
    // Not for counts: "Four-Season" is already the term 4-season.
    if (folds.length > 1 && folds.length <= 3 && !folds.some((f) => DIGITS.test(f) || NUMBER_WORDS.has(f) || COUNTED_UNITS.has(f))) {
      const folded = folds.join('');
      return { parts, joined: { term: stem(folded), folded, written: chunk } };
    }
    return { parts };
  }

  function tokens(text: string, maxTokens = Number.POSITIVE_INFINITY): Token[] {
    const out: Token[] = [];
    for (const chunk of text.match(CHUNKS) ?? []) {
      let analysed = cache.get(chunk);
      if (!analysed) {
        analysed = analyse(chunk);
        if (cache.size < MAX_CACHED_CHUNKS && chunk.length <= MAX_CHUNK_LENGTH) cache.set(chunk, analysed);
      }
      for (const { token, unit } of analysed.parts) {
        if (out.length >= maxTokens) return out;
        const prev = out.at(-1);
        if (unit && prev && DIGITS.test(prev.term)) {
          out[out.length - 1] = { term: `${prev.term}-${token.term}`, folded: `${prev.folded} ${token.folded}`, written: `${prev.written} ${token.written}` };
        } else out.push(token);
      }
      if (analysed.joined && out.length < maxTokens) out.push(analysed.joined);
    }
    return out;
  }

  return { tokens };
}
