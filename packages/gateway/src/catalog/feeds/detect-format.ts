import { FeedError } from './feed-error.js';
import type { FeedFormat } from './feed-options.js';

/** A feed's format, with the JSON already parsed so that parsing does not do it twice. */
export interface SniffedFeed {
  format: FeedFormat;
  json?: unknown;
}

/**
 * Tells the format from the content alone: XML is a Merchant feed (RSS or
 * Atom); JSON is Shopify's products.json when its products have a handle,
 * or a title and variants but no name, else ours; other text is Merchant TSV when the header line
 * has a tab, else CSV. JSON that does not parse throws: there is no format
 * to report for it.
 */
export function detectFormat(text: string): FeedFormat {
  return sniffFeed(text).format;
}

export function sniffFeed(text: string): SniffedFeed {
  const start = text.search(/\S/);
  if (start < 0) throw new FeedError('The feed is empty');
  const first = text[start];
  if (first === '<') return { format: 'merchant-xml' };
  if (first === '{' || first === '[') {
    const json = parseJson(text);
    return { format: looksLikeShopify(json) ? 'shopify' : 'contoso-json', json };
  }
  const lineEnd = text.search(/\r?\n|\r/);
  const headerLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  return { format: headerLine.includes('\t') ? 'merchant-tsv' : 'csv' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FeedError(`The JSON feed has a syntax error: ${(error as Error).message}`);
  }
}

function looksLikeShopify(json: unknown): boolean {
  const products = (json as { products?: unknown } | null)?.products;
  if (!Array.isArray(products)) return false;
  const first = products.find((p) => typeof p === 'object' && p !== null) as Record<string, unknown> | undefined;
  // Shopify always sends a handle; our format says `name` where Shopify says `title`.
  return first !== undefined && (typeof first.handle === 'string' || ('title' in first && !('name' in first) && Array.isArray(first.variants)));
}
