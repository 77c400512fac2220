import type { ParsedCatalog } from '../types.js';
import { CatalogBuilder } from './catalog-builder.js';
import type { ParseContext } from './feed-options.js';
import type { MerchantRecord } from './merchant-attributes.js';
import { readMerchantItem, type MerchantItem } from './merchant-item.js';
import { addMerchantProducts } from './merchant-products.js';
import type { SkippedRow } from '../types.js';

/** Rows from any Merchant encoding (XML, TSV, CSV) and what the reader already refused. */
export interface MerchantRows {
  records: MerchantRecord[];
  skipped: SkippedRow[];
}

/** Validates Merchant rows, refuses repeated ids, and groups variants into products. */
export function merchantCatalog(rows: MerchantRows, currency: string | undefined, context: ParseContext): ParsedCatalog {
  const catalog = new CatalogBuilder();
  for (const skipped of rows.skipped) catalog.skip(skipped);
  const items: MerchantItem[] = [];
  const seenIds = new Set<string>();
  for (const record of rows.records) {
    const result = readMerchantItem(record, currency, context.now);
    if (!result.ok) {
      catalog.skip(result.skipped);
      continue;
    }
    const item = result.value;
    if (seenIds.has(item.id)) {
      catalog.skip({ row: item.row, id: item.id, reason: `duplicate id "${item.id}"` });
      continue;
    }
    seenIds.add(item.id);
    items.push(item);
  }
  addMerchantProducts(items, catalog);
  return catalog.build();
}
