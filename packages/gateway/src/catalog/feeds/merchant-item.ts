import type { Availability } from '../types.js';
import { parseAvailability } from './availability.js';
import { splitCategoryPath } from './category-path.js';
import { MAX_REPEATS } from './field-bounds.js';
import { htmlToText, collapseWhitespace } from './html-to-text.js';
import { MERCHANT_ATTRIBUTES, VARIANT_ATTRIBUTES, type MerchantAttribute, type MerchantRecord, type VariantAttribute } from './merchant-attributes.js';
import { parsePrice } from './price.js';
import { accept, reject, type RowResult } from './row-result.js';
import { saleIsRunning } from './sale-window.js';
import { safeUrl } from './safe-url.js';
import { uniqueTags } from './tags.js';

/** One valid Merchant row: a product on its own, or one variant of an item group. */
export interface MerchantItem {
  row: number;
  id: string;
  groupId?: string;
  title: string;
  description: string;
  brand: string;
  categoryPath: string[];
  tags: string[];
  price: number;
  regularPrice?: number;
  currency: string;
  availability: Availability;
  image?: string;
  url?: string;
  gtin?: string;
  mpn?: string;
  options: Partial<Record<VariantAttribute, string>>;
}

/** Markup or entities worth the HTML pass; plain descriptions only get their whitespace collapsed. */
const LOOKS_LIKE_HTML = /<[a-zA-Z/!]|&#?[a-zA-Z\d]+;/;
/** google_product_category may be Google's numeric taxonomy id, which says nothing to a shopper. */
const NUMERIC_CATEGORY = /^\d+$/;

/**
 * Validates a row. Missing id, title or price, an unreadable price or
 * availability, or a value over its bound skips the row; everything else
 * is optional. `currency` serves rows whose price names none.
 */
export function readMerchantItem(record: MerchantRecord, currency: string | undefined, now: number): RowResult<MerchantItem> {
  const { row, fields } = record;
  const first = (name: MerchantAttribute) => fields[name]?.[0]?.trim() || undefined;
  const id = first('id');
  const tooLong = oversizedAttribute(record);
  if (tooLong) return reject(row, id?.slice(0, 200), tooLong);
  if (!id) return reject(row, undefined, 'no id');
  const title = first('title');
  if (!title) return reject(row, id, 'no title');

  const priceText = first('price');
  if (!priceText) return reject(row, id, 'no price');
  const price = parsePrice(priceText);
  if (!price) return reject(row, id, `price "${priceText}" is not a price`);
  const rowCurrency = price.currency ?? currency;
  if (!rowCurrency) return reject(row, id, `price "${priceText}" names no currency, and the site file sets no catalog.currency`);

  const saleText = first('sale_price');
  const sale = saleText ? parsePrice(saleText) : undefined;
  if (saleText && !sale) return reject(row, id, `sale_price "${saleText}" is not a price`);
  if (sale?.currency && sale.currency !== rowCurrency) return reject(row, id, `sale_price is in ${sale.currency}, price in ${rowCurrency}`);
  const onSale = sale !== undefined && saleIsRunning(first('sale_price_effective_date'), now);

  const availabilityText = first('availability');
  if (!availabilityText) return reject(row, id, 'no availability');
  const availability = parseAvailability(availabilityText);
  if (!availability) return reject(row, id, `unknown availability "${availabilityText}"`);

  const productTypes = fields.product_type ?? [];
  const categoryPath = splitCategoryPath(productTypes[0]);
  if (!categoryPath) return reject(row, id, 'product_type is nested too deep');
  const googleCategory = first('google_product_category');

  const item: MerchantItem = {
    row,
    id,
    title: collapseWhitespace(title),
    description: plainDescription(first('description') ?? ''),
    brand: first('brand') ?? '',
    categoryPath,
    // Google's category is its taxonomy, not the shop's menu, so it only adds search words.
    tags: uniqueTags([
      ...productTypes.slice(1).flatMap((t) => splitCategoryPath(t) ?? []),
      ...(googleCategory && !NUMERIC_CATEGORY.test(googleCategory) ? (splitCategoryPath(googleCategory) ?? []) : []),
      first('age_group'),
      first('gender'),
    ]),
    // A running sale is what the shopper pays, even in the odd feed where it is not lower.
    price: onSale ? sale.amount : price.amount,
    currency: rowCurrency,
    availability,
    options: {},
  };
  if (onSale && sale.amount < price.amount) item.regularPrice = price.amount;
  const groupId = first('item_group_id');
  if (groupId) item.groupId = groupId;
  const image = safeUrl(first('image_link')) ?? safeUrl(fields.additional_image_link?.[0]);
  if (image) item.image = image;
  const url = safeUrl(first('link'));
  if (url) item.url = url;
  const gtin = first('gtin');
  if (gtin) item.gtin = gtin;
  const mpn = first('mpn');
  if (mpn) item.mpn = mpn;
  for (const name of VARIANT_ATTRIBUTES) {
    const value = first(name);
    if (value) item.options[name] = collapseWhitespace(value);
  }
  return accept(item);
}

function plainDescription(text: string): string {
  return LOOKS_LIKE_HTML.test(text) ? htmlToText(text) : collapseWhitespace(text);
}

/** Checked before any other work, so a 10 MB value is never scanned twice. */
function oversizedAttribute({ fields }: MerchantRecord): string | undefined {
  for (const name of Object.keys(fields) as MerchantAttribute[]) {
    const values = fields[name] ?? [];
    if (values.length > MAX_REPEATS) return `${name} is repeated ${values.length} times (at most ${MAX_REPEATS})`;
    const bound = MERCHANT_ATTRIBUTES[name];
    for (const value of values) if (value.length > bound) return `${name} is longer than ${bound} characters`;
  }
  return undefined;
}
