/**
 * The term → products index, in typed arrays so 50,000 products stay small
 * and a query touches only the products that share a term with it. Each
 * posting holds its BM25 term-frequency part already (field weights and
 * length normalisation folded in); the query multiplies by idf.
 */
import type { Product } from '../types.js';
import { searchableFields } from './product-fields.js';
import type { Tokenizer } from './tokens.js';

const K1 = 1.2;
const B = 0.75;
/** Descriptions can be long; beyond this many words a product's text adds nothing but build time. */
const MAX_TOKENS_PER_FIELD = 400;

export interface Postings {
  docs: Uint32Array;
  weights: Float32Array;
}

export interface InvertedIndex {
  /** Term text by id. */
  terms: string[];
  termIds: Map<string, number>;
  postings: Postings[];
  idf: Float32Array;
  /** Distinct folded words as written in products, sorted, with the term each stems to: for prefix search. */
  words: string[];
  wordTerms: Uint32Array;
}

export function buildInvertedIndex(products: readonly Product[], tokenizer: Tokenizer): InvertedIndex {
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  const docLists: number[][] = [];
  const tfLists: number[][] = [];
  const wordTerm = new Map<string, number>();
  const lengths = new Float64Array(products.length);

  const idOf = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) {
      id = terms.length;
      termIds.set(term, id);
      terms.push(term);
      docLists.push([]);
      tfLists.push([]);
    }
    return id;
  };

  const tf = new Map<number, number>();
  products.forEach((product, doc) => {
    tf.clear();
    let length = 0;
    for (const { text, weight } of searchableFields(product)) {
      if (!text) continue;
      for (const token of tokenizer.tokens(text, MAX_TOKENS_PER_FIELD)) {
        const id = idOf(token.term);
        tf.set(id, (tf.get(id) ?? 0) + weight);
        length += weight;
        if (!wordTerm.has(token.folded)) wordTerm.set(token.folded, id);
      }
    }
    lengths[doc] = length;
    for (const [id, frequency] of tf) {
      docLists[id]!.push(doc);
      tfLists[id]!.push(frequency);
    }
  });

  let total = 0;
  for (const length of lengths) total += length;
  const average = total / Math.max(1, products.length) || 1;
  const n = products.length;
  const postings: Postings[] = docLists.map((docs, id) => {
    const frequencies = tfLists[id]!;
    const weights = new Float32Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      const f = frequencies[i]!;
      weights[i] = (f * (K1 + 1)) / (f + K1 * (1 - B + (B * lengths[docs[i]!]!) / average));
    }
    return { docs: Uint32Array.from(docs), weights };
  });
  const idf = Float32Array.from(docLists, (docs) => Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5)));
  const words = [...wordTerm.keys()].sort();
  const wordTerms = Uint32Array.from(words, (word) => wordTerm.get(word)!);
  return { terms, termIds, postings, idf, words, wordTerms };
}
