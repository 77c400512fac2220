/**
 * One-typo lookup without scanning the vocabulary: every term and each of
 * its one-letter deletions is hashed into a sorted Float64Array (hash and
 * term id packed into one number). Two words one edit apart share a key, so
 * a query word's own keys find its neighbours in a few binary searches; each
 * candidate is then checked for real, so hash collisions cost nothing but time.
 */

/** Term ids must fit below this for the packing; a larger vocabulary simply gets no typo tolerance. */
const ID_SPACE = 2 ** 21;

function fnv1a(text: string, skip: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skip) continue;
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The word and each of its one-deletion variants, hashed. */
function keysOf(word: string): number[] {
  const keys = [fnv1a(word, -1)];
  for (let skip = 0; skip < word.length; skip++) keys.push(fnv1a(word, skip));
  return keys;
}

/** True when a and b are at most one substitution, insertion, deletion or swap of neighbours apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export interface TypoTable {
  /** Term ids one edit away from `word` (itself excluded), at most `max`. */
  neighbours(word: string, max: number): number[];
}

export function buildTypoTable(terms: readonly string[], minLength: number): TypoTable {
  if (terms.length >= ID_SPACE) return { neighbours: () => [] };
  const packed: number[] = [];
  terms.forEach((term, id) => {
    if (term.length < minLength - 1) return;
    for (const key of new Set(keysOf(term))) packed.push(key * ID_SPACE + id);
  });
  const table = Float64Array.from(packed).sort();

  function firstAtLeast(value: number): number {
    let lo = 0;
    let hi = table.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (table[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    neighbours(word, max) {
      const found = new Set<number>();
      for (const key of new Set(keysOf(word))) {
        const end = (key + 1) * ID_SPACE;
        for (let at = firstAtLeast(key * ID_SPACE); at < table.length && table[at]! < end; at++) {
          const id = table[at]! % ID_SPACE;
          const term = terms[id]!;
          if (term !== word && !found.has(id) && withinOneEdit(term, word)) found.add(id);
          if (found.size >= max) return [...found];
        }
      }
      return [...found];
    },
  };
}
