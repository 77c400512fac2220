import type { ProductCard } from '@contoso-voice/protocol';
import type { SiteConfig } from '../sites/types.js';
import type { SiteCatalog } from '../catalog/site-catalog.js';
import type { ObjectSchema } from './json-schema.js';

export interface ToolContext {
  site: SiteConfig;
  catalog: SiteCatalog;
  /** Where browsers reach this gateway (origin and mount path, no trailing slash), to make image URLs absolute. */
  publicOrigin: string;
}

export interface ToolResult {
  /** What the model reads, serialised as the function_call_output. */
  output: unknown;
  /** Cards the shopper should see. */
  products?: ProductCard[];
}

export interface Tool {
  name: string;
  description: string;
  parameters: ObjectSchema;
  run(args: Record<string, unknown>, ctx: ToolContext): ToolResult | Promise<ToolResult>;
}
