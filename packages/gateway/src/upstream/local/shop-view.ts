/**
 * What the local engine knows of the shop: only what a real model would be
 * told in the session, read back from the gateway's own instructions and
 * tool declarations (shop name, categories, policy topics).
 */
export interface ShopView {
  shopName: string | null;
  categories: string[];
  policyTopics: string[];
  /** The shop's language, for prices written its way ("6,90 €"). */
  language: string;
}

interface DeclaredTool {
  name?: string;
  description?: string;
  parameters?: { properties?: Record<string, { description?: string; enum?: string[] }> };
}

const SHOP_NAME = /^You are the shopping assistant of (.+?) \(/m;
const CATEGORY_LIST = /categories include: (.+?)\.$/;
const LANGUAGE = /the shop's own language is ([A-Za-z-]+)\./;

export function shopView(instructions: string, tools: DeclaredTool[]): ShopView {
  const search = tools.find((t) => t.name === 'search_products');
  const policy = tools.find((t) => t.name === 'get_store_policy');
  const categoryText = search?.parameters?.properties?.category?.description ?? '';
  return {
    shopName: SHOP_NAME.exec(instructions)?.[1] ?? null,
    categories: CATEGORY_LIST.exec(categoryText)?.[1]?.split('; ') ?? [],
    policyTopics: policy?.parameters?.properties?.topic?.enum ?? [],
    language: LANGUAGE.exec(instructions)?.[1] ?? 'en',
  };
}
