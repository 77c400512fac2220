import type { Availability } from '../types.js';

/**
 * Merchant's values plus the spellings retailers still send: the pre-2016
 * "in stock" style, hyphens, and schema.org terms. "available for order"
 * (retired by Google) means the item can be ordered now with no stated
 * wait, so it maps to in_stock; "limited availability" is still buyable,
 * so in_stock too; "discontinued" and "sold out" are out_of_stock.
 */
const SPELLINGS: Record<string, Availability> = {
  in_stock: 'in_stock',
  instock: 'in_stock',
  available: 'in_stock',
  available_for_order: 'in_stock',
  limited_availability: 'in_stock',
  limitedavailability: 'in_stock',
  out_of_stock: 'out_of_stock',
  outofstock: 'out_of_stock',
  sold_out: 'out_of_stock',
  soldout: 'out_of_stock',
  discontinued: 'out_of_stock',
  preorder: 'preorder',
  pre_order: 'preorder',
  backorder: 'backorder',
  back_order: 'backorder',
};

const SCHEMA_ORG = /^https?:\/\/schema\.org\//;

/** The availability a spelling means, or undefined when it is not one we know. */
export function parseAvailability(text: string): Availability | undefined {
  const key = text.trim().toLowerCase().replace(SCHEMA_ORG, '').replace(/[\s-]+/g, '_');
  return Object.hasOwn(SPELLINGS, key) ? SPELLINGS[key] : undefined;
}
