/**
 * Upper bounds on what one row may carry. A value over its bound skips the
 * row: such a value is a broken export or an attack, and keeping it would
 * cost memory and prompt tokens for every conversation. Each bound is well
 * above Google Merchant's own limit (in brackets), so no feed that Merchant
 * Center accepts loses a row here.
 *
 *   id, item_group_id   200 chars   [50]
 *   title / name        500         [150]
 *   description       20,000        [5,000]  (Shopify body_html: 100,000 before the HTML is stripped)
 *   link, image links  2,000        [2,000]
 *   brand                200        [70]
 *   product_type,
 *   google_product_category 750     [750]
 *   color, size, material, pattern, age_group, gender, option values  200  [100-200]
 *   option names         100
 *   gtin                  50        [50]
 *   mpn                  100        [70]
 *   price text            64
 *   availability text     64
 *   sale_price_effective_date 100
 *   one tag              200, at most 250 tags
 *   category path        at most 10 levels
 *   repeated XML element at most 50 times
 *   variants of one product  at most 1,000
 *   rows per feed        200,000 (the rest are skipped with one reason)
 */
export const BOUNDS = {
  id: 200,
  title: 500,
  description: 20_000,
  html: 100_000,
  url: 2_000,
  brand: 200,
  category: 750,
  option: 200,
  optionName: 100,
  gtin: 50,
  mpn: 100,
  price: 64,
  availability: 64,
  date: 100,
  tag: 200,
} as const;

export const MAX_TAGS = 250;
export const MAX_CATEGORY_DEPTH = 10;
export const MAX_REPEATS = 50;
export const MAX_VARIANTS = 1_000;
export const MAX_ROWS = 200_000;
/** A price above this is a typo or a unit mix-up (cents sent as units), not a product. */
export const MAX_PRICE = 100_000_000;
