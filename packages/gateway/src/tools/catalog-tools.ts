import type { Tool } from './types.js';
import { toModelView, toProductCard } from './product-card.js';

export const searchProductsTool: Tool = {
  name: 'search_products',
  description:
    'Search the shop catalog. Use it whenever the shopper describes something they want. Returns the best matches with name, price and description.',
  parameters: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'What the shopper is looking for, in their words.', maxLength: 200 },
      category: { type: 'string', description: 'Optional category id to restrict the search to.' },
      max_price: { type: 'number', description: 'Optional highest price in the shop currency.', minimum: 0 },
    },
    required: ['query'],
    additionalProperties: false,
  },
  run(args, { site, catalog, publicOrigin }) {
    const category = args.category as string | undefined;
    if (category && !site.categories.some((c) => c.id === category)) {
      return { output: { error: `unknown category "${category}"`, categories: site.categories.map((c) => c.id) } };
    }
    const maxPrice = args.max_price as number | undefined;
    const hits = catalog.search(args.query as string, { category, maxPrice }, 4);
    const reasonFor = (matched: string[]) => {
      const parts = [];
      if (matched.length) parts.push(`matches "${matched.join(' ')}"`);
      if (maxPrice !== undefined) parts.push(`under ${maxPrice}`);
      return parts.join(', ') || 'in the selected category';
    };
    return {
      output: { results: hits.map((h) => toModelView(h.product)), count: hits.length },
      products: hits.map((h) => toProductCard(h.product, reasonFor(h.matched), publicOrigin, site.shopUrl)),
    };
  },
};

export const getProductTool: Tool = {
  name: 'get_product',
  description: 'Get the full details of one product by its id.',
  parameters: {
    type: 'object',
    properties: { id: { type: 'string', description: 'The product id from search_products.', maxLength: 100 } },
    required: ['id'],
    additionalProperties: false,
  },
  run(args, { site, catalog, publicOrigin }) {
    const product = catalog.byId(args.id as string);
    if (!product) return { output: { error: `no product with id "${args.id as string}"` } };
    return {
      output: { product: toModelView(product) },
      products: [toProductCard(product, 'the product you asked about', publicOrigin, site.shopUrl)],
    };
  },
};
