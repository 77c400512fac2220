import type { Availability, Variant } from '../types.js';
import { BOUNDS } from './field-bounds.js';
import { isObject, scalarText, jsonText } from './json-values.js';
import { parseAmount } from './price.js';
import { safeUrl } from './safe-url.js';

/** The variant, or why it was refused. */
export function shopifyVariant(input: unknown, optionNames: readonly string[], imageByVariant: ReadonlyMap<string, string>, productUrl: string): Variant | string {
  if (!isObject(input)) return 'a variant is not an object';
  const id = scalarText(input.id);
  if (!id || id.length > BOUNDS.id) return 'a variant has no usable id';
  const priceText = scalarText(input.price);
  const price = priceText ? parseAmount(priceText) : undefined;
  if (price === undefined) return `variant ${id}: price "${priceText ?? ''}" is not a price`;
  const compareText = scalarText(input.compare_at_price);
  const compareAt = compareText ? parseAmount(compareText) : undefined;
  const options: Record<string, string> = {};
  for (let n = 0; n < 3; n++) {
    const value = jsonText(input[`option${n + 1}`]);
    const name = optionNames[n] || `option${n + 1}`;
    // Shopify's placeholder for a product sold in one version.
    if (!value || (name === 'title' && value === 'Default Title')) continue;
    if (value.length > BOUNDS.option || name.length > BOUNDS.optionName) return `variant ${id}: option ${name} is too long`;
    options[name] = value;
  }
  // Older exports omit `available`; a variant listed for sale is taken as buyable.
  const availability: Availability = input.available === false ? 'out_of_stock' : 'in_stock';
  const variant: Variant = { id, options, price, availability };
  if (compareAt !== undefined && compareAt > price) variant.regularPrice = compareAt;
  const featured = isObject(input.featured_image) ? jsonText(input.featured_image.src) : '';
  const image = safeUrl(featured || imageByVariant.get(id));
  if (image) variant.image = image;
  if (productUrl) variant.url = `${productUrl}?variant=${encodeURIComponent(id)}`;
  const barcode = jsonText(input.barcode);
  if (barcode && barcode.length <= BOUNDS.gtin) variant.gtin = barcode;
  return variant;
}
