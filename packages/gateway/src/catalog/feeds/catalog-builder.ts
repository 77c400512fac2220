import type { ParsedCatalog, Product, SkippedRow } from '../types.js';

/** Which rows a product came from, so a product refused as a whole is reported row by row. */
export interface SourceRow {
  row: number;
  id?: string;
}

/**
 * Collects products and skipped rows for every format alike; refuses a
 * second product with an id already taken (the first one wins, as a
 * retailer reading top to bottom would expect).
 */
export class CatalogBuilder {
  private readonly products: Product[] = [];
  private readonly skipped: SkippedRow[] = [];
  private readonly ids = new Set<string>();

  add(product: Product, rows: readonly SourceRow[]): void {
    if (this.ids.has(product.id)) {
      for (const { row, id } of rows) this.skip({ row, id: id ?? product.id, reason: `duplicate id "${product.id}"` });
      return;
    }
    this.ids.add(product.id);
    this.products.push(product);
  }

  skip(row: SkippedRow): void {
    this.skipped.push(row);
  }

  build(): ParsedCatalog {
    return { products: this.products, skipped: this.skipped.sort((a, b) => a.row - b.row) };
  }
}

/** The one reason given for every row past the limit, rather than one entry each. */
export function rowLimitSkip(firstRow: number, maxRows: number): SkippedRow {
  return { row: firstRow, reason: `the feed has more than ${maxRows} rows; this row and the rest were not read` };
}
