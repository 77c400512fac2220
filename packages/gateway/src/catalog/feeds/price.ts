import { MAX_PRICE } from './field-bounds.js';

export interface Price {
  amount: number;
  /** Upper-case ISO 4217 code, when the text names one. */
  currency?: string;
}

const CODE_FIRST = /^([A-Za-z]{3})\s*(.*)$/s;
const CODE_LAST = /^(.*?)\s*([A-Za-z]{3})$/s;
/** Spaces, no-break spaces and apostrophes only ever group thousands (`1 299,00`, `1'299.00`). */
const GROUPING_NOISE = /[\s\u00a0\u202f']/g;

/**
 * Reads `12.99 USD`, `USD 12.99`, `12,99 EUR`, `1,299.00 USD`, `1.299,00 EUR`
 * or a bare `12.99`. With both `.` and `,` the last one is the decimal mark;
 * a lone `,` followed by exactly three digits groups thousands (`1,299`),
 * otherwise it is the decimal mark (`12,99`); a lone `.` is always the
 * decimal mark, as in Merchant's own spec.
 */
export function parsePrice(text: string): Price | undefined {
  let rest = text.trim();
  let currency: string | undefined;
  const first = CODE_FIRST.exec(rest);
  if (first) [, currency, rest] = first as unknown as [string, string, string];
  const last = CODE_LAST.exec(rest);
  if (last) {
    if (currency) return undefined;
    [, rest, currency] = last as unknown as [string, string, string];
  }
  const amount = parseAmount(rest);
  if (amount === undefined) return undefined;
  return currency ? { amount, currency: currency.toUpperCase() } : { amount };
}

/** A plain amount with no currency code, in any of the notations above. */
export function parseAmount(text: string): number | undefined {
  const digits = text.replace(GROUPING_NOISE, '');
  if (!/^\d[\d.,]*$/.test(digits) || /[.,]$/.test(digits)) return undefined;
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimalMark: '.' | ',' | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalMark = lastDot > lastComma ? '.' : ',';
  else if (lastComma >= 0) decimalMark = countOf(digits, ',') === 1 && digits.length - lastComma - 1 !== 3 ? ',' : undefined;
  else if (lastDot >= 0) decimalMark = countOf(digits, '.') === 1 ? '.' : undefined;
  const groupMark = decimalMark === '.' ? ',' : decimalMark === ',' ? '.' : lastDot >= 0 ? '.' : ',';
  const [whole = '', fraction, extra] = decimalMark ? digits.split(decimalMark) : [digits];
  if (extra !== undefined || !wellGrouped(whole, groupMark)) return undefined;
  const amount = Number(`${whole.split(groupMark).join('')}${fraction === undefined ? '' : `.${fraction}`}`);
  return Number.isFinite(amount) && amount <= MAX_PRICE ? amount : undefined;
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (const c of text) if (c === char) count++;
  return count;
}

/** `1,299,000` yes; `1,2,3` no: a stray separator means the number was mangled. */
function wellGrouped(whole: string, groupMark: string): boolean {
  if (!whole.includes(groupMark)) return /^\d+$/.test(whole);
  const [head = '', ...groups] = whole.split(groupMark);
  return /^\d{1,3}$/.test(head) && groups.every((g) => /^\d{3}$/.test(g));
}
