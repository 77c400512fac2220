import type { ParsedCatalog, Product, Variant } from '../types.js';
import { CatalogBuilder, rowLimitSkip } from './catalog-builder.js';
import { splitCategoryPath } from './category-path.js';
import { BOUNDS, MAX_TAGS, MAX_VARIANTS } from './field-bounds.js';
import { htmlToText } from './html-to-text.js';
import { isObject, scalarText, jsonText } from './json-values.js';
import { accept, reject, type RowResult } from './row-result.js';
import { safeUrl } from './safe-url.js';
import { shopifyVariant } from './shopify-variant.js';
import { uniqueTags } from './tags.js';
import { summariseVariants } from './variant-rollup.js';

type Json = Record<string, unknown>;

export interface ShopifySettings {
  currency: string;
  shopUrl?: string;
  maxRows: number;
}

/**
 * A shop's public `products.json`: one product per Shopify product, its
 * variants named by the product's options (lower-cased, so `Size` reads as
 * `size` like a Merchant feed's). A variant that cannot be used is skipped
 * on its own, reported against its product's row.
 */
export function readShopify(doc: unknown, settings: ShopifySettings): ParsedCatalog {
  const products = (doc as { products: unknown[] }).products;
  const catalog = new CatalogBuilder();
  const count = Math.min(products.length, settings.maxRows);
  for (let i = 0; i < count; i++) {
    const result = shopifyProduct(products[i], i + 1, settings, catalog);
    if (result.ok) catalog.add(result.value, [{ row: i + 1, id: result.value.id }]);
    else catalog.skip(result.skipped);
  }
  if (products.length > settings.maxRows) catalog.skip(rowLimitSkip(settings.maxRows + 1, settings.maxRows));
  return catalog.build();
}

function shopifyProduct(input: unknown, row: number, settings: ShopifySettings, catalog: CatalogBuilder): RowResult<Product> {
  if (!isObject(input)) return reject(row, undefined, 'not a product object');
  const id = scalarText(input.id);
  if (!id) return reject(row, undefined, 'no id');
  if (id.length > BOUNDS.id) return reject(row, undefined, `id is longer than ${BOUNDS.id} characters`);
  const title = jsonText(input.title);
  if (!title) return reject(row, id, 'no title');
  const tooLong = firstOversized(input, { title: BOUNDS.title, handle: BOUNDS.url, vendor: BOUNDS.brand, product_type: BOUNDS.category, body_html: BOUNDS.html });
  if (tooLong) return reject(row, id, tooLong);
  const description = htmlToText(jsonText(input.body_html));
  if (description.length > BOUNDS.description) return reject(row, id, `body_html is longer than ${BOUNDS.description} characters as text`);
  const tags = tagList(input.tags);
  if (tags.length > MAX_TAGS || tags.some((t) => t.length > BOUNDS.tag)) return reject(row, id, `tags exceed ${MAX_TAGS} tags of ${BOUNDS.tag} characters`);
  const categoryPath = splitCategoryPath(jsonText(input.product_type));
  if (!categoryPath) return reject(row, id, 'product_type is nested too deep');

  const rawVariants = Array.isArray(input.variants) ? input.variants : [];
  if (rawVariants.length === 0) return reject(row, id, 'no variants, so no price');
  if (rawVariants.length > MAX_VARIANTS) return reject(row, id, `more than ${MAX_VARIANTS} variants`);
  const images = Array.isArray(input.images) ? input.images.filter(isObject) : [];
  const imageByVariant = variantImages(images);
  const optionNames = (Array.isArray(input.options) ? input.options : []).map((o) => (isObject(o) ? jsonText(o.name).toLowerCase() : ''));
  const handle = jsonText(input.handle);
  const url = handle ? `${(settings.shopUrl ?? '').replace(/\/+$/, '')}/products/${encodeURIComponent(handle)}` : '';

  const variants: Variant[] = [];
  for (const raw of rawVariants) {
    const variant = shopifyVariant(raw, optionNames, imageByVariant, url);
    if (typeof variant === 'string') catalog.skip({ row, id, reason: variant });
    else variants.push(variant);
  }
  if (variants.length === 0) return reject(row, id, 'no usable variant');
  const single = variants.length === 1 && rawVariants.length === 1;
  const productImage = safeUrl(isObject(images[0]) ? jsonText(images[0].src) : undefined) ?? '';
  return accept({
    id,
    name: title,
    description,
    brand: jsonText(input.vendor),
    categoryPath,
    ...summariseVariants(variants),
    currency: settings.currency,
    image: productImage || (variants[0]?.image ?? ''),
    url,
    tags: single ? uniqueTags([...tags, ...Object.values(variants[0]?.options ?? {})]) : tags,
    variants: single ? [] : variants,
  });
}

function tagList(tags: unknown): string[] {
  const list = typeof tags === 'string' ? tags.split(',') : Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  return uniqueTags(list);
}

function firstOversized(input: Json, bounds: Record<string, number>): string | undefined {
  for (const [name, bound] of Object.entries(bounds)) {
    const value = input[name];
    if (typeof value === 'string' && value.length > bound) return `${name} is longer than ${bound} characters`;
  }
  return undefined;
}

/** Shopify links images to variants from the image's side; this turns it round once per product. */
function variantImages(images: readonly Json[]): Map<string, string> {
  const byVariant = new Map<string, string>();
  for (const image of images) {
    const src = jsonText(image.src);
    if (!src || !Array.isArray(image.variant_ids)) continue;
    for (const id of image.variant_ids) {
      const key = scalarText(id);
      if (key && !byVariant.has(key)) byVariant.set(key, src);
    }
  }
  return byVariant;
}
