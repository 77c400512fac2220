/**
 * The built-in shop actions: tools the page runs for the model (add to the
 * shopper's real cart, remove, read it, go to a product's page), each checked
 * against the catalog here first, so the page only ever does what the shop
 * can do.
 */
import type { SiteConfig } from '../sites/types.js';
import type { ClientTool, ToolContext } from './types.js';
import { resolveCartLine, shopPath, type CartRequest } from './cart-line.js';
import { toProductCard } from './product-card.js';

// No pattern: feeds have ids like "TS-01/M". The catalog lookup is the check; an id that is not there is answered as unknown.
const productId = { type: 'string', description: 'The product id from search_products or get_product.', minLength: 1, maxLength: 200 };
const variantId = { type: 'string', description: "The variant's id, when the product has variants.", minLength: 1, maxLength: 200 };

const linkBases = (ctx: ToolContext) => ({ gatewayUrl: ctx.publicOrigin, shopUrl: ctx.site.shopUrl });

/** What the page's line names, for the model: no prices or URLs to read aloud. */
const named = (a: Record<string, unknown>) => ({
  product_id: a.product_id,
  ...(a.variant_id ? { variant_id: a.variant_id, variant: a.variant } : {}),
  name: a.name,
  ...(a.quantity !== undefined ? { quantity: a.quantity } : {}),
});

function addToCart(site: SiteConfig, timeoutMs: number): ClientTool {
  return {
    kind: 'client',
    name: 'add_to_cart',
    description:
      "Put a product in the shopper's cart on this page. Only when the shopper asks to add or buy it. For a product with variants, pass variant_id, " +
      'or options with what the shopper chose (e.g. {"size": "M", "color": "Blue"}); if the choice is missing you are told the options: ask the shopper.',
    parameters: {
      type: 'object',
      properties: {
        product_id: productId,
        variant_id: variantId,
        options: {
          type: 'object',
          description: 'The options the shopper chose, by name: {"size": "M"}.',
          maxProperties: 4,
          additionalProperties: { type: 'string', maxLength: 60 },
        },
        // The shop's own bound is checked with the catalog, so the model is told it in words it can pass on.
        quantity: { type: 'integer', minimum: 1, maximum: 999, description: `How many; 1 to ${site.actions.maxQuantity}. Default 1.` },
      },
      required: ['product_id'],
      additionalProperties: false,
    },
    timeoutMs,
    after: 'respond',
    async prepare(args, ctx) {
      const quantity = (args.quantity as number | undefined) ?? 1;
      if (quantity > site.actions.maxQuantity) {
        return { ok: false, output: { error: `at most ${site.actions.maxQuantity} of one item can be added at once`, reason: 'quantity', max: site.actions.maxQuantity } };
      }
      return resolveCartLine(await ctx.catalog.byId(args.product_id as string), args as unknown as CartRequest, linkBases(ctx));
    },
    present: (result, line) => ({ added: named(line), result }),
    failed: (reason) => ({ error: `the page could not add it: ${reason}`, say: "I couldn't add it; please use the Add to cart button." }),
  };
}

const removeFromCart = (timeoutMs: number): ClientTool => ({
  kind: 'client',
  name: 'remove_from_cart',
  description: "Take an item out of the shopper's cart on this page. Use get_cart first when you do not know what is in it.",
  parameters: {
    type: 'object',
    properties: { product_id: productId, variant_id: variantId, quantity: { type: 'integer', minimum: 1, maximum: 999, description: 'How many to remove; all of it when left out.' } },
    required: ['product_id'],
    additionalProperties: false,
  },
  timeoutMs,
  after: 'respond',
  async prepare(args, ctx) {
    const product = await ctx.catalog.byId(args.product_id as string);
    return { ok: true, args: { ...args, ...(product ? { name: product.name } : {}) } };
  },
  present: (result, args) => ({ removed: named(args), result }),
  failed: (reason) => ({ error: `the page could not remove it: ${reason}`, say: "I couldn't change the cart; please do it on the cart page." }),
});

const getCart = (timeoutMs: number): ClientTool => ({
  kind: 'client',
  name: 'get_cart',
  description: "What is in the shopper's cart on this page now: product ids, names and quantities.",
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  timeoutMs,
  after: 'respond',
  present: (result) => ({ cart: result }),
  failed: (reason) => ({ error: `the page could not read the cart: ${reason}` }),
});

const showProduct = (timeoutMs: number): ClientTool => ({
  kind: 'client',
  name: 'show_product',
  description: "Take the shopper to a product's page on this shop, when they ask to see it or to go there.",
  parameters: { type: 'object', properties: { product_id: productId }, required: ['product_id'], additionalProperties: false },
  timeoutMs,
  after: 'respond',
  async prepare(args, ctx) {
    const product = await ctx.catalog.byId(args.product_id as string);
    if (!product) return { ok: false, output: { error: `no product with id "${args.product_id as string}"`, reason: 'unknown_product' } };
    const { url } = toProductCard(product, '', ctx.publicOrigin, ctx.site.shopUrl);
    const path = shopPath(url, ctx.site.shopUrl);
    return { ok: true, args: { product_id: product.id, name: product.name, url, ...(path ? { path } : {}) } };
  },
  present: (_, args) => ({ shown: { product_id: args.product_id, name: args.name } }),
  failed: (reason) => ({ error: `the page could not open it: ${reason}` }),
});

/** The shop actions a site allows, each with the page's time to answer. */
export function shopActions(site: SiteConfig, timeoutMs: number): ClientTool[] {
  const tools: ClientTool[] = [];
  if (site.actions.cart) tools.push(addToCart(site, timeoutMs), removeFromCart(timeoutMs), getCart(timeoutMs));
  if (site.actions.navigate) tools.push(showProduct(timeoutMs));
  return tools;
}

/** The retailer's own client tools, from the site file. */
export function siteClientTools(site: SiteConfig, timeoutMs: number): ClientTool[] {
  return site.clientTools.map((t) => ({
    kind: 'client',
    name: t.name,
    description: t.description,
    parameters: t.parameters,
    timeoutMs: t.timeoutMs ?? timeoutMs,
    after: t.after,
  }));
}
