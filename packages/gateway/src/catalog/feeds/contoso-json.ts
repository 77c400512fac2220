import type * as z from 'zod';
import type { ParsedCatalog, Product, Variant } from '../types.js';
import { CatalogBuilder, rowLimitSkip } from './catalog-builder.js';
import { splitCategoryPath } from './category-path.js';
import { contosoProductSchema, type ContosoProduct } from './contoso-json-schema.js';
import { collapseWhitespace } from './html-to-text.js';
import { accept, reject, type RowResult } from './row-result.js';
import { safeUrl } from './safe-url.js';
import { uniqueTags } from './tags.js';
import { summariseVariants } from './variant-rollup.js';

/** Our own JSON catalog, already parsed: each product validated on its own, so one bad entry costs one row. */
export function readContosoJson(products: readonly unknown[], currency: string, maxRows: number): ParsedCatalog {
  const catalog = new CatalogBuilder();
  const count = Math.min(products.length, maxRows);
  for (let i = 0; i < count; i++) {
    const result = contosoProduct(products[i], i + 1, currency);
    if (result.ok) catalog.add(result.value, [{ row: i + 1, id: result.value.id }]);
    else catalog.skip(result.skipped);
  }
  if (products.length > maxRows) catalog.skip(rowLimitSkip(maxRows + 1, maxRows));
  return catalog.build();
}

function contosoProduct(input: unknown, row: number, currency: string): RowResult<Product> {
  const rawId = (input as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' && rawId.trim() ? rawId.trim().slice(0, 200) : undefined;
  // jitless: zod would otherwise compile a validator with new Function, which workerd forbids and we keep out of parsing everywhere.
  const parsed = contosoProductSchema.safeParse(input, { jitless: true });
  if (!parsed.success) return reject(row, id, describeIssue(parsed.error.issues[0]));
  const p = parsed.data;
  const variantIds = new Set<string>();
  for (const v of p.variants) {
    if (variantIds.has(v.id)) return reject(row, id, `duplicate variant id "${v.id}"`);
    variantIds.add(v.id);
  }
  const categoryPath = p.categoryPath?.map((c) => c.trim()).filter(Boolean) ?? splitCategoryPath(p.category);
  if (!categoryPath) return reject(row, id, 'category is nested too deep');
  const variants = p.variants.map(toVariant);
  return accept({
    id: p.id,
    name: collapseWhitespace(p.name),
    description: p.description.trim(),
    brand: p.brand.trim(),
    categoryPath,
    ...(variants.length > 0 ? summariseVariants(variants) : ownPrice(p)),
    currency,
    image: safeUrl(p.image) ?? '',
    url: safeUrl(p.url) ?? '',
    tags: uniqueTags(p.tags),
    variants,
  });
}

function ownPrice(p: ContosoProduct): Pick<Product, 'price' | 'regularPrice' | 'availability'> {
  const price = p.price as number;
  // A "regular" price at or below the price is no discount; showing it would mislead.
  return p.regularPrice !== undefined && p.regularPrice > price
    ? { price, regularPrice: p.regularPrice, availability: p.availability }
    : { price, availability: p.availability };
}

function toVariant(v: ContosoProduct['variants'][number]): Variant {
  const variant: Variant = { id: v.id, options: v.options, price: v.price, availability: v.availability };
  if (v.regularPrice !== undefined && v.regularPrice > v.price) variant.regularPrice = v.regularPrice;
  const image = safeUrl(v.image);
  if (image) variant.image = image;
  const url = safeUrl(v.url);
  if (url) variant.url = url;
  if (v.gtin) variant.gtin = v.gtin;
  if (v.mpn) variant.mpn = v.mpn;
  return variant;
}

/** Zod's issue as a retailer-readable reason: `name is missing`, `description is longer than 20000 characters`. */
function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid product';
  const field = issue.path.join('.') || 'product';
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? `${field} is missing` : `${field} should be ${issue.expected}`;
    case 'too_big':
      return issue.origin === 'string' ? `${field} is longer than ${issue.maximum} characters` : issue.origin === 'array' ? `${field} has more than ${issue.maximum} entries` : `${field} is over ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string' ? `${field} is empty` : `${field} is below ${issue.minimum}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.join(', ')}`;
    case 'custom':
      return issue.message;
    default:
      return `${field}: ${issue.message}`;
  }
}
