/**
 * Serialises products into each feed format the gateway reads, for
 * end-to-end and round-trip tests. A product with variants becomes one row
 * per variant sharing an item_group_id (Merchant) or one Shopify product
 * with variants. Merchant has no field for free tags or for options other
 * than color, size, material and pattern, so those are not written.
 */
import Papa from 'papaparse';
import type { Product, Variant } from '../../src/catalog/types.js';

const MERCHANT_COLUMNS = [
  'id', 'item_group_id', 'title', 'description', 'link', 'image_link', 'price', 'sale_price',
  'availability', 'brand', 'product_type', 'color', 'size', 'material', 'pattern', 'gtin', 'mpn',
] as const;
type MerchantColumn = (typeof MERCHANT_COLUMNS)[number];
type MerchantRow = Partial<Record<MerchantColumn, string>>;

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

function merchantRows(products: readonly Product[]): MerchantRow[] {
  return products.flatMap((p) => (p.variants.length === 0 ? [productRow(p)] : p.variants.map((v) => variantRow(p, v))));
}

function productRow(p: Product): MerchantRow {
  return {
    id: p.id,
    title: p.name,
    description: p.description,
    link: p.url,
    image_link: p.image,
    ...prices(p.price, p.regularPrice, p.currency),
    availability: p.availability,
    brand: p.brand,
    product_type: p.categoryPath.join(' > '),
  };
}

function variantRow(p: Product, v: Variant): MerchantRow {
  return {
    ...productRow(p),
    id: v.id,
    item_group_id: p.id,
    link: v.url ?? p.url,
    image_link: v.image ?? p.image,
    ...prices(v.price, v.regularPrice, p.currency),
    availability: v.availability,
    color: v.options.color,
    size: v.options.size,
    material: v.options.material,
    pattern: v.options.pattern,
    gtin: v.gtin,
    mpn: v.mpn,
  };
}

/** A sale is written the Merchant way: the regular price as price, what the shopper pays as sale_price. */
function prices(price: number, regularPrice: number | undefined, currency: string): MerchantRow {
  return regularPrice === undefined
    ? { price: money(price, currency), sale_price: undefined }
    : { price: money(regularPrice, currency), sale_price: money(price, currency) };
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toMerchantXml(products: readonly Product[]): string {
  const items = merchantRows(products).map((row) => {
    const elements = MERCHANT_COLUMNS.filter((c) => row[c]).map((c) => {
      // RSS's own elements stay unprefixed, as Merchant's examples write them.
      const tag = c === 'title' || c === 'description' || c === 'link' ? c : `g:${c}`;
      return `    <${tag}>${escapeXml(row[c] as string)}</${tag}>`;
    });
    return `  <item>\n${elements.join('\n')}\n  </item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Test shop</title>\n${items.join('\n')}\n</channel>\n</rss>\n`;
}

/** Quoted only where a value needs it (a tab, a line break, a leading quote), as spreadsheet exports do. */
export function toMerchantTsv(products: readonly Product[]): string {
  return delimited(products, '\t');
}

export function toCsv(products: readonly Product[]): string {
  return delimited(products, ',');
}

function delimited(products: readonly Product[], delimiter: string): string {
  const rows = merchantRows(products).map((row) => MERCHANT_COLUMNS.map((c) => row[c] ?? ''));
  return `${Papa.unparse({ fields: [...MERCHANT_COLUMNS], data: rows }, { delimiter, newline: '\n' })}\n`;
}

/**
 * Shopify's products.json. The handle is the last path segment of the
 * product's url (its id when there is none), so parsing with a shopUrl gives
 * back `${shopUrl}/products/${handle}`.
 */
export function toShopifyJson(products: readonly Product[]): string {
  return JSON.stringify({ products: products.map(shopifyProduct) }, null, 2);
}

function shopifyProduct(p: Product) {
  const handle = p.url.split('/').filter(Boolean).pop() ?? p.id;
  const optionNames = [...new Set(p.variants.flatMap((v) => Object.keys(v.options)))].slice(0, 3);
  const variants = p.variants.length === 0
    ? [{ id: p.id, title: 'Default Title', price: p.price.toFixed(2), compare_at_price: p.regularPrice?.toFixed(2) ?? null, available: p.availability !== 'out_of_stock', sku: null, barcode: null, option1: 'Default Title', option2: null, option3: null, featured_image: null }]
    : p.variants.map((v) => ({
        id: v.id,
        title: optionNames.map((n) => v.options[n]).filter(Boolean).join(' / '),
        price: v.price.toFixed(2),
        compare_at_price: v.regularPrice?.toFixed(2) ?? null,
        // Shopify has only a yes/no: preorder and backorder are sellable, so "available".
        available: v.availability !== 'out_of_stock',
        sku: v.mpn ?? null,
        barcode: v.gtin ?? null,
        option1: v.options[optionNames[0] ?? ''] ?? null,
        option2: v.options[optionNames[1] ?? ''] ?? null,
        option3: v.options[optionNames[2] ?? ''] ?? null,
        featured_image: v.image ? { src: v.image } : null,
      }));
  return {
    id: p.id,
    title: p.name,
    handle,
    body_html: `<p>${escapeXml(p.description)}</p>`,
    vendor: p.brand,
    product_type: p.categoryPath.join(' > '),
    tags: p.tags.join(', '),
    options: p.variants.length === 0 ? [{ name: 'Title', values: ['Default Title'] }] : optionNames.map((name) => ({ name, values: [...new Set(p.variants.map((v) => v.options[name]).filter(Boolean))] })),
    variants,
    images: p.image ? [{ src: p.image, variant_ids: [] }] : [],
  };
}

/** Our own JSON, as the gateway writes it. */
export { toContosoJson } from '../../src/catalog/feeds/contoso-json-writer.js';
