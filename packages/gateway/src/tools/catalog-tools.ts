import type { Tool } from './types.js';
import type { CategoryInfo } from '../catalog/search/types.js';
import { isBuyable, toModelView, toProductCard } from './product-card.js';

/** Hits scoring under this share of the best one matched only a side word ("hiking" of "waterproof hiking boots"): not worth recommending. */
const RELEVANCE_CUTOFF = 0.3;

/** Category names the model is told about in the tool's description; a larger catalog lists its biggest ones. */
const CATEGORIES_IN_DESCRIPTION = 40;

function categoryHint(categories: CategoryInfo[]): string {
  if (categories.length === 0) return '';
  const names = [...categories].sort((a, b) => b.count - a.count).slice(0, CATEGORIES_IN_DESCRIPTION).map((c) => c.name);
  return ` The shop's categories include: ${names.join('; ')}.`;
}

export function searchProductsTool(categories: CategoryInfo[]): Tool {
  return {
    name: 'search_products',
    description:
      'Search the shop catalog. Use it whenever the shopper describes something they want. Returns the best matches that can be bought, ' +
      'with name, price, availability and variants (size, colour...). A sold-out product is returned only when the query names it exactly.',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string', description: 'What the shopper is looking for, in their words.', maxLength: 200 },
        category: { type: 'string', description: `Optional category name to restrict the search to.${categoryHint(categories)}`, maxLength: 100 },
        min_price: { type: 'number', description: 'Optional lowest price in the shop currency.', minimum: 0 },
        max_price: { type: 'number', description: 'Optional highest price in the shop currency.', minimum: 0 },
      },
      required: ['query'],
      additionalProperties: false,
    },
    async run(args, { site, catalog, publicOrigin }) {
      const asked = args.category as string | undefined;
      const category = asked ? await catalog.resolveCategory(asked) : undefined;
      if (asked && !category) {
        const known = (await catalog.categories()).slice(0, CATEGORIES_IN_DESCRIPTION).map((c) => c.name);
        return { output: { error: `unknown category "${asked}"`, categories: known } };
      }
      const minPrice = args.min_price as number | undefined;
      const maxPrice = args.max_price as number | undefined;
      const found = await catalog.search(args.query as string, { category, minPrice, maxPrice }, 4);
      const best = found[0]?.score ?? 0;
      const hits = found.filter((h) => h.score >= best * RELEVANCE_CUTOFF);
      const reasonFor = (matched: string[]) => {
        const parts = [];
        if (matched.length) parts.push(`matches "${matched.join(' ')}"`);
        if (maxPrice !== undefined) parts.push(`under ${maxPrice}`);
        return parts.join(', ') || 'in the selected category';
      };
      return {
        output: { results: hits.map((h) => toModelView(h.product)), count: hits.length },
        products: hits.filter((h) => isBuyable(h.product)).map((h) => toProductCard(h.product, reasonFor(h.matched), publicOrigin, site.shopUrl, site.language)),
      };
    },
  };
}

export const getProductTool: Tool = {
  name: 'get_product',
  description: 'Get the full details of one product by its id, with its variants and availability.',
  parameters: {
    type: 'object',
    properties: { id: { type: 'string', description: 'The product id from search_products.', maxLength: 200 } },
    required: ['id'],
    additionalProperties: false,
  },
  async run(args, { site, catalog, publicOrigin }) {
    const product = await catalog.byId(args.id as string);
    if (!product) return { output: { error: `no product with id "${args.id as string}"` } };
    return {
      output: { product: toModelView(product) },
      products: isBuyable(product) ? [toProductCard(product, 'the product you asked about', publicOrigin, site.shopUrl, site.language)] : [],
    };
  },
};
