import { BOUNDS } from './field-bounds.js';

/** The Google Merchant attributes we read, each with the longest value a row may carry. */
export const MERCHANT_ATTRIBUTES = {
  id: BOUNDS.id,
  title: BOUNDS.title,
  description: BOUNDS.description,
  link: BOUNDS.url,
  image_link: BOUNDS.url,
  additional_image_link: BOUNDS.url,
  price: BOUNDS.price,
  sale_price: BOUNDS.price,
  sale_price_effective_date: BOUNDS.date,
  availability: BOUNDS.availability,
  brand: BOUNDS.brand,
  product_type: BOUNDS.category,
  google_product_category: BOUNDS.category,
  item_group_id: BOUNDS.id,
  color: BOUNDS.option,
  size: BOUNDS.option,
  material: BOUNDS.option,
  pattern: BOUNDS.option,
  age_group: BOUNDS.option,
  gender: BOUNDS.option,
  gtin: BOUNDS.gtin,
  mpn: BOUNDS.mpn,
} as const;

export type MerchantAttribute = keyof typeof MERCHANT_ATTRIBUTES;

/** Attributes that tell the variants of one item group apart, in the order options are listed. */
export const VARIANT_ATTRIBUTES = ['color', 'size', 'material', 'pattern'] as const satisfies readonly MerchantAttribute[];
export type VariantAttribute = (typeof VARIANT_ATTRIBUTES)[number];

/** Every value of each attribute a row gave (XML may repeat an element; TSV lists some comma-separated). */
export type MerchantFields = Partial<Record<MerchantAttribute, string[]>>;

/** One feed row before validation. `row` is what the retailer sees: spreadsheet line, XML item number. */
export interface MerchantRecord {
  row: number;
  fields: MerchantFields;
}

/** Element names repeat on every item, so each is normalised once; capped so odd feeds cannot grow it without end. */
const KNOWN_NAMES = new Map<string, MerchantAttribute | undefined>();
const MAX_KNOWN_NAMES = 1_000;

/**
 * The attribute a header or element names: `g:image_link`, ` Image Link `
 * and `IMAGE-LINK` all name image_link. Undefined for columns we don't use.
 */
export function merchantAttribute(name: string): MerchantAttribute | undefined {
  if (KNOWN_NAMES.has(name)) return KNOWN_NAMES.get(name);
  const key = name.trim().toLowerCase().replace(/^g:/, '').replace(/[\s-]+/g, '_');
  const attribute = Object.hasOwn(MERCHANT_ATTRIBUTES, key) ? (key as MerchantAttribute) : undefined;
  if (KNOWN_NAMES.size < MAX_KNOWN_NAMES) KNOWN_NAMES.set(name, attribute);
  return attribute;
}
