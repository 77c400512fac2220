import * as z from 'zod';
import { AVAILABILITIES } from '../types.js';
import { BOUNDS, MAX_CATEGORY_DEPTH, MAX_PRICE, MAX_TAGS, MAX_VARIANTS } from './field-bounds.js';

const amount = z.number().nonnegative().max(MAX_PRICE);
const urlText = z.string().max(BOUNDS.url);

export const contosoVariantSchema = z.object({
  id: z.string().trim().min(1).max(BOUNDS.id),
  options: z.record(z.string().max(BOUNDS.optionName), z.string().max(BOUNDS.option)).default({}),
  price: amount,
  regularPrice: amount.optional(),
  availability: z.enum(AVAILABILITIES).default('in_stock'),
  image: urlText.optional(),
  url: urlText.optional(),
  gtin: z.string().max(BOUNDS.gtin).optional(),
  mpn: z.string().max(BOUNDS.mpn).optional(),
});

/**
 * One product of our own JSON catalog (the demo shop's format). `price`
 * and `availability` may be left out when there are variants: they are
 * worked out from the variants either way, so the two cannot disagree.
 */
export const contosoProductSchema = z
  .object({
    id: z.string().trim().min(1).max(BOUNDS.id),
    name: z.string().trim().min(1).max(BOUNDS.title),
    price: amount.optional(),
    regularPrice: amount.optional(),
    description: z.string().max(BOUNDS.description).default(''),
    brand: z.string().max(BOUNDS.brand).default(''),
    /** `Tents` or `Bikes > Road bikes`; `categoryPath` wins when both are given. */
    category: z.string().max(BOUNDS.category).optional(),
    categoryPath: z.array(z.string().max(BOUNDS.category)).max(MAX_CATEGORY_DEPTH).optional(),
    tags: z.array(z.string().max(BOUNDS.tag)).max(MAX_TAGS).default([]),
    image: urlText.default(''),
    url: urlText.default(''),
    availability: z.enum(AVAILABILITIES).default('in_stock'),
    variants: z.array(contosoVariantSchema).max(MAX_VARIANTS).default([]),
  })
  .refine((p) => p.price !== undefined || p.variants.length > 0, { message: 'no price', path: ['price'] });

export const contosoCatalogSchema = z.object({
  /** ISO 4217, for every price in the file. */
  currency: z.string().regex(/^[A-Z]{3}$/),
  products: z.array(contosoProductSchema),
});

export type ContosoProduct = z.infer<typeof contosoProductSchema>;

/** The catalog format as JSON Schema, for retailers' editors and validators; the input side, so defaulted fields are optional. */
export function contosoCatalogJsonSchema() {
  return z.toJSONSchema(contosoCatalogSchema, { io: 'input' });
}
