/** Reading loosely typed JSON (Shopify's, a retailer's) without trusting its shape. */
import { collapseWhitespace } from './html-to-text.js';

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Shopify sends ids as numbers and prices as strings; both are read as text. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A string field as single-spaced text; anything else as empty. */
export function jsonText(value: unknown): string {
  return typeof value === 'string' ? collapseWhitespace(value) : '';
}
