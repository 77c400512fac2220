import type { Tool } from './types.js';
import type { SiteConfig } from '../sites/types.js';
import type { CategoryInfo } from '../catalog/search/types.js';
import { getProductTool, searchProductsTool } from './catalog-tools.js';
import { storePolicyTool } from './store-policy-tool.js';

export type { Tool, ToolContext, ToolResult } from './types.js';

/** The tools a site gets: catalog search and lookup, and its policies when it has any. Schemas go upstream only; browsers never see them. */
export function shopTools(site: SiteConfig, categories: CategoryInfo[]): Tool[] {
  const tools = [searchProductsTool(categories), getProductTool];
  if (Object.keys(site.policies).length) tools.push(storePolicyTool(site.policies));
  return tools;
}

/** The `tools` array of a GA `session.update`. */
export function toolDeclarations(tools: Tool[]) {
  return tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters }));
}
