import type { ParsedCatalog } from '../types.js';
import { readContosoJson } from './contoso-json.js';
import { sniffFeed } from './detect-format.js';
import { FeedError } from './feed-error.js';
import { parseContext, type FeedFormat, type FeedOptions, type ParseContext } from './feed-options.js';
import { readDelimited, type Delimiter } from './merchant-delimited.js';
import { merchantCatalog } from './merchant-feed.js';
import { readMerchantXml } from './merchant-xml.js';
import { readShopify } from './shopify-json.js';

const FORMAT_NAMES: Record<FeedFormat, string> = {
  'merchant-xml': 'a Merchant XML feed',
  'merchant-tsv': 'a tab-separated Merchant feed',
  csv: 'a CSV file',
  shopify: "Shopify's products.json",
  'contoso-json': 'a Contoso JSON catalog',
};

/**
 * A retailer's feed text as our product model. Rows that cannot be used
 * are skipped and listed; a feed that cannot be read at all throws
 * FeedError, and the caller keeps its last good catalog.
 */
export function parseCatalog(text: string, options: FeedOptions = {}, context: Partial<ParseContext> = {}): ParsedCatalog {
  const limits = parseContext(context);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sniffed = sniffFeed(body);
  if (options.format && options.format !== sniffed.format) {
    throw new FeedError(`The feed was declared as ${options.format} but looks like ${FORMAT_NAMES[sniffed.format]} (${sniffed.format})`);
  }
  const currency = options.currency === undefined ? undefined : currencyCode(options.currency, 'options.currency');
  switch (sniffed.format) {
    case 'merchant-xml':
      return merchantCatalog(readMerchantXml(body, limits.maxRows), currency, limits);
    case 'merchant-tsv':
      return merchantCatalog(readDelimited(body, '\t', limits.maxRows), currency, limits);
    case 'csv':
      return merchantCatalog(readDelimited(body, csvDelimiter(body), limits.maxRows), currency, limits);
    case 'shopify': {
      if (!currency) throw new FeedError("Shopify's products.json names no currency: set catalog.currency in the site file, e.g. EUR");
      const settings = { currency, maxRows: limits.maxRows };
      return readShopify(sniffed.json, options.shopUrl ? { ...settings, shopUrl: options.shopUrl } : settings);
    }
    case 'contoso-json':
      return contosoCatalog(sniffed.json, currency, limits.maxRows);
  }
}

function contosoCatalog(json: unknown, fallbackCurrency: string | undefined, maxRows: number): ParsedCatalog {
  // A bare array of products is accepted too, priced in the site's currency.
  const doc = (Array.isArray(json) ? { products: json } : json) as { currency?: unknown; products?: unknown } | null;
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.products)) throw new FeedError('The JSON catalog has no "products" array');
  const currency = doc.currency === undefined ? fallbackCurrency : currencyCode(doc.currency, '"currency"');
  if (!currency) throw new FeedError('The JSON catalog names no "currency" and the site sets none');
  return readContosoJson(doc.products, currency, maxRows);
}

function currencyCode(value: unknown, where: string): string {
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code)) throw new FeedError(`${where} must be an ISO 4217 code like USD, not ${JSON.stringify(value)}`);
  return code;
}

/** Excel in much of Europe writes `;`; a header line with more of them than commas is one of those files. */
function csvDelimiter(text: string): Delimiter {
  const lineEnd = text.search(/\r?\n|\r/);
  const header = lineEnd < 0 ? text : text.slice(0, lineEnd);
  return header.split(';').length > header.split(',').length ? ';' : ',';
}
