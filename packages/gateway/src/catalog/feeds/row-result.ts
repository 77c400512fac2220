import type { SkippedRow } from '../types.js';

/** A row read into `T`, or the reason it was skipped. */
export type RowResult<T> = { ok: true; value: T } | { ok: false; skipped: SkippedRow };

export const accept = <T>(value: T): RowResult<T> => ({ ok: true, value });

export function reject<T>(row: number, id: string | undefined, reason: string): RowResult<T> {
  return { ok: false, skipped: id ? { row, id, reason } : { row, reason } };
}
