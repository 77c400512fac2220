/**
 * Keeps the best `limit` of a stream of scored products without sorting
 * them all: limits are small (a spoken answer names a handful), so a sorted
 * insert into a short array beats a heap. Ties go to the cheaper product.
 */
export interface Ranked {
  doc: number;
  score: number;
  price: number;
  matchedWords: number;
}

const before = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && (a.price < b.price || (a.price === b.price && a.doc < b.doc)));

export class TopHits {
  readonly items: Ranked[] = [];
  constructor(private readonly limit: number) {}

  /** Plain arguments, and an object only for a product that makes the cut: most offers are refused. */
  offer(doc: number, score: number, price: number, matchedWords: number): void {
    const items = this.items;
    const last = items[items.length - 1];
    if (items.length === this.limit && last && (score < last.score || (score === last.score && price >= last.price))) return;
    const candidate: Ranked = { doc, score, price, matchedWords };
    let at = items.length;
    while (at > 0 && before(candidate, items[at - 1]!)) at--;
    items.splice(at, 0, candidate);
    if (items.length > this.limit) items.pop();
  }
}
