import type { Tool } from './types.js';
import { getProductTool, searchProductsTool } from './catalog-tools.js';
import { storePolicyTool } from './store-policy-tool.js';

export type { Tool, ToolContext, ToolResult } from './types.js';
export { buildCatalogIndex, type CatalogIndex } from './catalog-search.js';

/** The tools every site gets. Their schemas go upstream only; browsers never see them. */
export const shopTools: Tool[] = [searchProductsTool, getProductTool, storePolicyTool];

/** The `tools` array of a GA `session.update`. */
export function toolDeclarations(tools: Tool[]) {
  return tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters }));
}
