import type { AnyTool, HttpToolRuntime } from './types.js';
import type { SiteConfig } from '../sites/types.js';
import type { CategoryInfo } from '../catalog/search/types.js';
import { getProductTool, searchProductsTool } from './catalog-tools.js';
import { storePolicyTool } from './store-policy-tool.js';
import { shopActions, siteClientTools } from './shop-actions.js';
import { httpTool } from './http-tool.js';
import type { Logger } from '../log.js';

export type { Tool, ToolContext, ToolResult, ClientTool, AnyTool, HttpToolRuntime } from './types.js';
export { isClientTool } from './types.js';

export interface ShopToolOptions {
  /** How long the page has to answer a client tool that sets no time of its own. */
  clientTimeoutMs: number;
  http?: HttpToolRuntime;
  log?: Logger;
}

/**
 * The tools a site gets: catalog search and lookup, its policies when it has
 * any, the shop actions it allows, and its own client and HTTP tools.
 * Schemas go upstream only; browsers never see them.
 */
export function shopTools(site: SiteConfig, categories: CategoryInfo[], o: ShopToolOptions): AnyTool[] {
  const tools: AnyTool[] = [searchProductsTool(categories), getProductTool];
  if (Object.keys(site.policies).length) tools.push(storePolicyTool(site.policies));
  tools.push(...shopActions(site, o.clientTimeoutMs), ...siteClientTools(site, o.clientTimeoutMs));
  tools.push(...site.httpTools.map((t) => httpTool(t, { ...o.http, log: o.log })));
  return tools;
}

/** The `tools` array of a GA `session.update`. */
export function toolDeclarations(tools: AnyTool[]) {
  return tools.map((t) => ({ type: 'function' as const, name: t.name, description: t.description, parameters: t.parameters }));
}
