/**
 * The tools part of a site file: which built-in shop actions the page runs,
 * the retailer's own client tools (run by the page), and HTTP tools (run by
 * the gateway against the retailer's endpoints).
 */
import * as z from 'zod';
import { schemaProblem } from '../tools/json-schema.js';

/** Names the gateway's own tools take; a retailer's tool cannot shadow one. */
export const BUILT_IN_TOOL_NAMES = ['search_products', 'get_product', 'get_store_policy', 'add_to_cart', 'remove_from_cart', 'get_cart', 'show_product'];

const toolName = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be 1 to 64 letters, digits or underscores, starting with a letter')
  .refine((n) => !BUILT_IN_TOOL_NAMES.includes(n), { message: `is a built-in tool's name (${BUILT_IN_TOOL_NAMES.join(', ')})` });

/** Kept small: the schema goes to the model on every session, and is paid for in tokens each time. */
const MAX_SCHEMA_CHARS = 4000;

const parameters = z
  .record(z.string(), z.unknown())
  .superRefine((schema, ctx) => {
    const problem = schemaProblem(schema);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    else if (JSON.stringify(schema).length > MAX_SCHEMA_CHARS) ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_SCHEMA_CHARS} characters of JSON` });
  })
  .describe('The arguments, as a JSON Schema whose top level is {"type": "object", ...}. The model\'s calls are checked against it.');

const common = {
  name: toolName.describe('The name the model calls it by.'),
  description: z.string().min(1).max(1000).describe('What it does and when to use it, for the model.'),
  parameters,
  after: z
    .enum(['respond', 'wait'])
    .optional()
    .describe('"respond" (default): the assistant speaks about the result. "wait": it says nothing more until the shopper does.'),
};

export const clientToolSchema = z.strictObject({
  ...common,
  timeoutMs: z.int().min(500).max(60_000).optional().describe('How long the page has to answer, in ms. Default: the clientToolTimeoutMs limit (8000).'),
});

export const httpToolSchema = z.strictObject({
  ...common,
  url: z.url({ protocol: /^https?$/ }).describe('The endpoint. Loopback and private addresses are refused unless the operator lists the host in TOOL_ALLOW_HOSTS.'),
  method: z.enum(['POST', 'GET']).optional().describe('POST (default): the arguments are the JSON body. GET: they are the query string.'),
  timeoutMs: z.int().min(100).max(30_000).optional().describe('How long the endpoint has to answer, in ms. Default 5000.'),
  maxResponseKilobytes: z.int().min(1).max(1024).optional().describe('The largest answer read, in KiB. Default 64.'),
  signingSecretEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an environment variable name such as "TOOL_SECRET_ACME_ORDERS"')
    .optional()
    .describe('The environment variable holding the secret (16+ characters) the gateway signs each request with: TOOL_SECRET_<SITE ID>, or one starting with TOOL_SECRET_<SITE ID>_ (see docs/TOOLS.md). The secret itself never goes in this file.'),
  showResult: z.boolean().optional().describe('false (default): only the model reads the answer. true: the page gets it too, as a gateway.tool_output event.'),
});

export const actionsSchema = z.strictObject({
  cart: z.boolean().optional().describe('true (default): the assistant may add to, remove from and read the shopper\'s cart (add_to_cart, remove_from_cart, get_cart), run by the page.'),
  navigate: z.boolean().optional().describe('true (default): the assistant may take the shopper to a product\'s page (show_product).'),
  maxQuantity: z.int().min(1).max(999).optional().describe('The most of one item the assistant may add at once. Default 10.'),
});

export const siteToolsFields = {
  actions: actionsSchema.optional().describe('The built-in shop actions the page runs for the assistant.'),
  clientTools: z.array(clientToolSchema).max(16).optional().describe('Your own tools, run by the page (ContosoVoice.push(["registerTool", name, handler])).'),
  httpTools: z.array(httpToolSchema).max(16).optional().describe('Your own server tools: HTTP endpoints the gateway calls, signed.'),
};

export type ClientToolFile = z.infer<typeof clientToolSchema>;
export type HttpToolFile = z.infer<typeof httpToolSchema>;

/** Two tools of one name would be one the model can never call; refused with both places named. */
export function duplicateToolNames(clientTools: { name: string }[] = [], httpTools: { name: string }[] = []): string[] {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const { name } of [...clientTools, ...httpTools]) {
    if (seen.has(name)) dupes.push(name);
    seen.add(name);
  }
  return dupes;
}
