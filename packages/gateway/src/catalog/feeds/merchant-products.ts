import type { Product, Variant } from '../types.js';
import type { CatalogBuilder } from './catalog-builder.js';
import { MAX_VARIANTS } from './field-bounds.js';
import { VARIANT_ATTRIBUTES, type VariantAttribute } from './merchant-attributes.js';
import type { MerchantItem } from './merchant-item.js';
import { uniqueTags } from './tags.js';
import { summariseVariants } from './variant-rollup.js';
import { commonTitle } from './variant-title.js';

/**
 * Turns valid Merchant rows into products: rows sharing an item_group_id
 * become one product (id = the group id) with a variant per row; a row on
 * its own, or alone in its group, is a product with no variants and keeps
 * its own id, the SKU the shop's cart knows.
 */
export function addMerchantProducts(items: readonly MerchantItem[], catalog: CatalogBuilder): void {
  const groups = new Map<string, MerchantItem[]>();
  for (const item of items) {
    // Separate key spaces: a lone row's id may equal some group's id; the builder settles that clash.
    const key = item.groupId ? `group:${item.groupId}` : `item:${item.id}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const group of groups.values()) {
    const [first] = group as [MerchantItem];
    if (group.length === 1) {
      catalog.add(singleProduct(first), [first]);
      continue;
    }
    const members = group.filter((item) => {
      if (item.currency === first.currency) return true;
      catalog.skip({ row: item.row, id: item.id, reason: `price is in ${item.currency}, the rest of group "${first.groupId}" in ${first.currency}` });
      return false;
    });
    for (const extra of members.splice(MAX_VARIANTS)) {
      catalog.skip({ row: extra.row, id: extra.id, reason: `group "${first.groupId}" has more than ${MAX_VARIANTS} variants` });
    }
    catalog.add(members.length === 1 ? singleProduct(first) : groupProduct(members), members);
  }
}

function singleProduct(item: MerchantItem): Product {
  return {
    id: item.id,
    name: item.title,
    description: item.description,
    brand: item.brand,
    categoryPath: item.categoryPath,
    price: item.price,
    ...(item.regularPrice === undefined ? {} : { regularPrice: item.regularPrice }),
    currency: item.currency,
    availability: item.availability,
    image: item.image ?? '',
    url: item.url ?? '',
    // With no variants to carry them, colour and size are still worth searching on.
    tags: uniqueTags([...item.tags, ...Object.values(item.options)]),
    variants: [],
  };
}

function groupProduct(items: readonly MerchantItem[]): Product {
  const first = items[0] as MerchantItem;
  const varying = varyingOptions(items);
  const variants = items.map((item) => toVariant(item, varying));
  const sameForAll = VARIANT_ATTRIBUTES.filter((name) => !varying.includes(name)).map((name) => first.options[name]);
  return {
    id: first.groupId as string,
    name: commonTitle(items.map((item, i) => ({ title: item.title, optionValues: Object.values(variants[i]?.options ?? {}) }))),
    description: items.find((item) => item.description)?.description ?? '',
    brand: items.find((item) => item.brand)?.brand ?? '',
    categoryPath: items.find((item) => item.categoryPath.length > 0)?.categoryPath ?? [],
    ...summariseVariants(variants),
    currency: first.currency,
    image: items.find((item) => item.image)?.image ?? '',
    url: items.find((item) => item.url)?.url ?? '',
    tags: uniqueTags([...items.flatMap((item) => item.tags), ...sameForAll]),
    variants,
  };
}

/**
 * The options that tell these rows apart. When none does (the feed repeats
 * a colour and size), every option given is kept so the variants still say
 * what they are.
 */
function varyingOptions(items: readonly MerchantItem[]): VariantAttribute[] {
  const varying = VARIANT_ATTRIBUTES.filter((name) => new Set(items.map((item) => item.options[name])).size > 1);
  return varying.length > 0 ? varying : VARIANT_ATTRIBUTES.filter((name) => items.some((item) => item.options[name]));
}

function toVariant(item: MerchantItem, optionNames: readonly VariantAttribute[]): Variant {
  const options: Record<string, string> = {};
  for (const name of optionNames) {
    const value = item.options[name];
    if (value) options[name] = value;
  }
  const variant: Variant = { id: item.id, options, price: item.price, availability: item.availability };
  if (item.regularPrice !== undefined) variant.regularPrice = item.regularPrice;
  if (item.image) variant.image = item.image;
  if (item.url) variant.url = item.url;
  if (item.gtin) variant.gtin = item.gtin;
  if (item.mpn) variant.mpn = item.mpn;
  return variant;
}
