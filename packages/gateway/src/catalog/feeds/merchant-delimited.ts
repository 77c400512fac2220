import Papa from 'papaparse';
import { rowLimitSkip } from './catalog-builder.js';
import { FeedError } from './feed-error.js';
import { merchantAttribute, type MerchantAttribute, type MerchantFields, type MerchantRecord } from './merchant-attributes.js';
import type { MerchantRows } from './merchant-feed.js';
import type { SkippedRow } from '../types.js';

export type Delimiter = '\t' | ',' | ';';

const REQUIRED_COLUMNS: readonly MerchantAttribute[] = ['id', 'title', 'price'];
/** Merchant's TSV and CSV list repeated values in one cell, comma-separated. */
const LISTED_IN_ONE_CELL: ReadonlySet<MerchantAttribute> = new Set(['additional_image_link']);

/**
 * Rows of a Merchant TSV or a CSV with Merchant's column names. Row numbers
 * are spreadsheet rows: the header is row 1, and a quoted cell with line
 * breaks still counts as one row. A feed whose first row is not a header
 * naming id, title and price throws.
 */
export function readDelimited(text: string, delimiter: Delimiter, maxRows: number): MerchantRows {
  const parsed = Papa.parse<string[]>(text, {
    delimiter,
    header: false,
    // Blank lines are kept so the row numbers match the spreadsheet's.
    skipEmptyLines: false,
    // The header, the rows allowed, and one more to know the limit was passed.
    preview: maxRows + 2,
  });
  const [header, ...rows] = parsed.data;
  const columns = headerColumns(header);
  const brokenRows = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && error.row !== null && error.row > 0) brokenRows.set(error.row, error.message);
  }
  const records: MerchantRecord[] = [];
  const skipped: SkippedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = i + 2;
    if (i === maxRows) {
      skipped.push(rowLimitSkip(row, maxRows));
      break;
    }
    const cells = rows[i] as string[];
    if (cells.length === 1 && !cells[0]?.trim()) continue;
    const fields = rowFields(cells, columns);
    const id = fields.id?.[0]?.trim().slice(0, 200) || undefined;
    const problem = brokenRows.get(i + 1) ?? extraCells(cells, columns.length);
    if (problem) skipped.push(id ? { row, id, reason: problem } : { row, reason: problem });
    else records.push({ row, fields });
  }
  return { records, skipped };
}

function headerColumns(header: string[] | undefined): (MerchantAttribute | undefined)[] {
  const columns = (header ?? []).map((name) => merchantAttribute(name.replace(/^\ufeff/, '')));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    const found = (header ?? []).slice(0, 8).join(', ').slice(0, 200);
    throw new FeedError(`The first row is not a header naming the columns: no ${missing.join(', ')} column (found: ${found || 'nothing'})`);
  }
  return columns;
}

function rowFields(cells: readonly string[], columns: readonly (MerchantAttribute | undefined)[]): MerchantFields {
  const fields: MerchantFields = {};
  for (let c = 0; c < columns.length && c < cells.length; c++) {
    const name = columns[c];
    const cell = cells[c];
    if (!name || !cell) continue;
    const values = LISTED_IN_ONE_CELL.has(name) ? cell.split(',') : [cell];
    (fields[name] ??= []).push(...values);
  }
  return fields;
}

/**
 * More filled cells than the header names means an unquoted delimiter
 * shifted the row, so its price may sit under the wrong column. Fewer is
 * fine: spreadsheets drop trailing empty cells.
 */
function extraCells(cells: readonly string[], columnCount: number): string | undefined {
  if (cells.length <= columnCount || cells.slice(columnCount).every((cell) => !cell.trim())) return undefined;
  return `has ${cells.length} cells but the header names ${columnCount}; is a delimiter inside a cell unquoted?`;
}
