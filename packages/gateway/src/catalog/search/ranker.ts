/**
 * Scores a planned query over the postings it names and keeps the best few.
 * Work is proportional to the postings read, never to the catalog: scores
 * live in scratch arrays sized once per index and only the products a query
 * touched are visited and reset. A word's score for a product is its best
 * expansion (a prefix that completes three ways counts once), and products
 * that match more of the words rank above those that repeat one.
 */
import type { InvertedIndex } from './inverted-index.js';
import type { QueryPlan } from './query-plan.js';

/** A word whose postings cover more than this share of the catalog is common. */
const COMMON_SHARE = 0.2;
/** Candidates the rarer words must have found before common words stop adding new ones. */
const ENOUGH_CANDIDATES = 500;

export interface RankerScratch {
  score: Float32Array;
  wordScore: Float32Array;
  /** Bit i set when the product matched query word i (at most 12 words, so 16 bits do). */
  matchedWords: Uint16Array;
  touched: Uint32Array;
  /** Products the current word touched: preallocated, as a growing array would be garbage on every common word. */
  wordTouched: Uint32Array;
}

export function createScratch(size: number): RankerScratch {
  return { score: new Float32Array(size), wordScore: new Float32Array(size), matchedWords: new Uint16Array(size), touched: new Uint32Array(size), wordTouched: new Uint32Array(size) };
}

/**
 * Calls `visit` for every product that matched at least one word, with its
 * final score (plain arguments: tens of thousands of calls must not allocate);
 * the scratch is clean again when this returns. Products `admits` refuses
 * (a category or price filter) are never candidates, so they cannot fill
 * the candidate list that stops common words from adding new products.
 */
export function scorePlan(
  plan: QueryPlan,
  index: InvertedIndex,
  scratch: RankerScratch,
  visit: (doc: number, score: number, matchedWords: number) => void,
  admits?: (doc: number) => boolean,
): void {
  const { score, wordScore, matchedWords, touched, wordTouched } = scratch;
  let touchedCount = 0;
  // Rarest words first: once they have found enough products, a word in a
  // large share of the catalog only adds to those (its low idf could not lift
  // a product that matched nothing else above them anyway), which keeps the
  // candidate list, and so the time, small for queries like "black bike".
  const postingsOf = (position: number) => plan.words[position]!.expansions.reduce((sum, e) => sum + index.postings[e.termId]!.docs.length, 0);
  const order = plan.words.map((_, position) => position).sort((a, b) => postingsOf(a) - postingsOf(b));
  const commonAt = score.length * COMMON_SHARE;
  for (const position of order) {
    const word = plan.words[position]!;
    const bit = 1 << position;
    const onlyBoost = touchedCount >= ENOUGH_CANDIDATES && postingsOf(position) > commonAt;
    let wordCount = 0;
    for (const { termId, weight } of word.expansions) {
      const { docs, weights } = index.postings[termId]!;
      const factor = index.idf[termId]! * weight;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (onlyBoost && matchedWords[doc] === 0) continue;
        if (admits && matchedWords[doc] === 0 && wordScore[doc] === 0 && !admits(doc)) continue;
        const value = weights[i]! * factor;
        if (wordScore[doc] === 0) wordTouched[wordCount++] = doc;
        if (value > wordScore[doc]!) wordScore[doc] = value;
      }
    }
    for (let i = 0; i < wordCount; i++) {
      const doc = wordTouched[i]!;
      if (matchedWords[doc] === 0) touched[touchedCount++] = doc;
      matchedWords[doc] = matchedWords[doc]! | bit;
      score[doc] = score[doc]! + wordScore[doc]!;
      wordScore[doc] = 0;
    }
  }

  const queryWords = Math.max(1, plan.words.length);
  try {
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const mask = matchedWords[doc]!;
      const coverage = popcount(mask) / queryWords;
      visit(doc, score[doc]! * (0.3 + 0.7 * coverage), mask);
    }
  } finally {
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      score[doc] = 0;
      matchedWords[doc] = 0;
    }
  }
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
