/**
 * 1,000 varied shopper queries drawn from a catalog, the same for every
 * engine: whole and partial names, unfinished words, one-letter typos,
 * brand + word, features, variant options, spoken phrases, filtered
 * searches, misses, and a few hostile inputs.
 */
import type { Product } from '../packages/gateway/src/catalog/types.js';
import type { SearchFilters } from '../packages/gateway/src/catalog/search/types.js';

export interface BenchQuery {
  kind: string;
  q: string;
  filters?: SearchFilters;
}

const PHRASES = [
  'tent for four people', 'blue jacket medium', 'waterproof rain jacket', 'front light usb', 'red helmet size m',
  'velo leger', 'carbon road bike', 'something for winter riding', 'fahrradschloss', 'regenjacke fur radfahrer',
];
const MISSES = ['kettlebell', 'quantum flux capacitor', 'zzqx', 'the', 'a', 'show me what you have'];
const HOSTILE = ['x'.repeat(5_000), '?!?!...', '🚲🔦🚲', '\u0000\u001b[2J', 'velo '.repeat(400)];

function typo(word: string, at: number): string {
  if (word.length < 5) return word;
  const i = 1 + (at % (word.length - 2));
  return word.slice(0, i) + (word[i] === 'a' ? 'e' : 'a') + word.slice(i + 1);
}

export function benchQueries(products: readonly Product[], count = 1_000, seed = 7): BenchQuery[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const queries: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const product = pick(products);
    const words = product.name.split(/\s+/);
    const word = pick(words);
    const option = product.variants[0] ? Object.values(product.variants[0].options)[0] : undefined;
    switch (i % 12) {
      case 0: queries.push({ kind: 'name', q: product.name }); break;
      case 1: queries.push({ kind: 'word', q: word }); break;
      case 2: queries.push({ kind: 'prefix', q: `${words[0]} ${word.slice(0, Math.max(3, word.length - 2))}` }); break;
      case 3: queries.push({ kind: 'typo', q: `${typo(word, i)} ${pick(product.categoryPath)}` }); break;
      case 4: queries.push({ kind: 'brand', q: `${product.brand} ${pick(words)}` }); break;
      case 5: queries.push({ kind: 'feature', q: `${pick(product.tags)} ${product.categoryPath.at(-1)}` }); break;
      case 6: queries.push({ kind: 'option', q: `${option ?? 'black'} ${word}` }); break;
      case 7: queries.push({ kind: 'phrase', q: pick(PHRASES) }); break;
      case 8: queries.push({ kind: 'category', q: word, filters: { category: pick(product.categoryPath) } }); break;
      case 9: queries.push({ kind: 'price', q: `${product.categoryPath.at(-1)} under 100`, filters: { maxPrice: 100 } }); break;
      case 10: queries.push({ kind: 'miss', q: pick(MISSES) }); break;
      default: queries.push(i % 48 === 11 ? { kind: 'hostile', q: pick(HOSTILE) } : { kind: 'listing', q: '', filters: { category: pick(product.categoryPath), minPrice: 20 } });
    }
  }
  return queries;
}
