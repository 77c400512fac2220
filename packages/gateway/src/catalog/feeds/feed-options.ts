import { MAX_ROWS } from './field-bounds.js';

export const FEED_FORMATS = ['merchant-xml', 'merchant-tsv', 'csv', 'shopify', 'contoso-json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export interface FeedOptions {
  /** Wins over detection; content that does not match it is a FeedError. */
  format?: FeedFormat;
  /** ISO 4217 code for feeds that carry none (Shopify) or rows that omit it. */
  currency?: string;
  /** Base for Shopify product links: `https://shop.example`. */
  shopUrl?: string;
}

/** What a parse may depend on besides the text; tests shrink the limits and pin the clock. */
export interface ParseContext {
  maxRows: number;
  /** Epoch ms, for sale_price_effective_date. */
  now: number;
}

export function parseContext(overrides: Partial<ParseContext> = {}): ParseContext {
  return { maxRows: MAX_ROWS, now: Date.now(), ...overrides };
}
