/**
 * The site file a retailer writes: one JSON document per shop. The schema is
 * the single source of truth: it validates files at start, types the code,
 * and generates docs/site.schema.json for editors.
 */
import * as z from 'zod';
import { defaultLimits } from '../config.js';
import { VOICES } from '../session/session-config.js';
import { FEED_FORMATS } from '../catalog/feeds/feed-options.js';
import { duplicateToolNames, siteToolsFields } from './site-tools-file.js';
import { siteBusinessFields, webhookSecretProblem } from './site-business-file.js';
import { siteTextModelFields } from '../text-lane/site-text-model.js';
import { siteBudgetFields } from './site-budget-file.js';

// One check, one message; the pattern is only there for editors, which cannot run the check.
const originEntry = z
  .string()
  .meta({ pattern: '^https?://[^/?#\\s]+$' })
  .refine(isOriginEntry, {
  message: 'must be an origin like "https://shop.example.com" (scheme, host and optional port; no path), or "http://localhost:*" for any port',
});

const limitsSchema = z.strictObject(
  Object.fromEntries(Object.keys(defaultLimits).map((name) => [name, z.int().positive().optional()])) as Record<
    keyof typeof defaultLimits,
    z.ZodOptional<z.ZodInt>
  >,
);

const catalogSchema = z.strictObject({
  source: z
    .string()
    .min(1)
    .describe('A file path (relative to this site file) or an https:// URL of the product feed.'),
  format: z.enum(FEED_FORMATS).optional().describe('The feed format; detected from the content when absent.'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as "EUR"')
    .optional()
    .describe('The currency of prices in feeds that carry none (Shopify products.json).'),
  refreshMinutes: z
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .optional()
    .describe('How often the feed is read again, in minutes (conditional request for URLs, modification time for files). Default 60.'),
  maxMegabytes: z.int().min(1).max(1024).optional().describe('The largest feed accepted, in MiB. Default 128.'),
});

export const siteFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this schema, for editors.'),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit')
      .describe('The site id the widget names: <script data-site="ID">.'),
    shopName: z.string().min(1).max(100).describe('The shop name, as the assistant says it.'),
    shopUrl: z.url({ protocol: /^https?$/ }).describe('The shop\'s home page; relative product links in the feed resolve against it.'),
    allowedOrigins: z.array(originEntry).min(1).max(50).describe('Page origins whose browsers may open the assistant.'),
    publicTokens: z
      .boolean()
      .optional()
      .describe('true (default): allowlisted browsers get session tokens from POST /v1/sessions. false: only your backend mints them, with SITE_SECRET_<ID>.'),
    instructions: z
      .string()
      .max(20_000)
      .optional()
      .describe('Who the assistant is and how it speaks. Server-side only, never sent to a browser.'),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en", "de" or "fr-CA"')
      .optional()
      .describe('The language of the catalog, of its prices and of the gateway\'s own lines (the holding and timeout lines). Default "en".'),
    answerLanguage: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as "en", "de" or "fr-CA"')
      .optional()
      .describe('Pins the language the assistant answers in, whatever the shopper uses. Left out, it answers in the shopper\'s language: the one they speak or type, else the page\'s (the widget sends it as the page context\'s "language").'),
    voice: z.enum(VOICES).optional().describe('The assistant\'s voice. Default "marin".'),
    policies: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'policy names are lower-case words such as "shipping" or "warranty"'),
        z.string().min(1).max(4000),
      )
      .optional()
      .describe('Store policies the assistant may quote, by topic: shipping, returns, and any others.'),
    limits: limitsSchema.optional().describe('This site\'s limits over the gateway defaults (see README, Security).'),
    catalog: catalogSchema,
    pushToTalk: z
      .boolean()
      .optional()
      .describe('true (default): shoppers may hold to talk (clients may set turn_detection to null and commit turns themselves).'),
    ...siteToolsFields,
    ...siteBusinessFields,
    ...siteTextModelFields,
    ...siteBudgetFields,
  })
  .superRefine((site, ctx) => {
    const n = Object.keys(site.policies ?? {}).length;
    if (n > 20) ctx.addIssue({ code: 'custom', path: ['policies'], message: 'at most 20 policies' });
    // One shop's tools sign only with its own secrets: a site file cannot name another shop's, or the operator's.
    const own = `TOOL_SECRET_${site.id.toUpperCase().replace(/-/g, '_')}`;
    (site.httpTools ?? []).forEach((t, i) => {
      if (t.signingSecretEnv && t.signingSecretEnv !== own && !t.signingSecretEnv.startsWith(`${own}_`)) {
        ctx.addIssue({ code: 'custom', path: ['httpTools', i, 'signingSecretEnv'], message: `must be ${own} or start with ${own}_ (this site's own secrets)` });
      }
    });
    const webhookSecret = webhookSecretProblem(site.id, site.webhook?.signingSecretEnv);
    if (webhookSecret) ctx.addIssue({ code: 'custom', path: ['webhook', 'signingSecretEnv'], message: webhookSecret });
    for (const name of duplicateToolNames(site.clientTools, site.httpTools)) {
      ctx.addIssue({ code: 'custom', path: ['clientTools'], message: `two tools are named "${name}"` });
    }
  });

export type SiteFile = z.infer<typeof siteFileSchema>;

/** Keys a retailer might be tempted to put in the file; secrets come only from the environment. */
const SECRET_KEYS = /secret|password|api[-_]?key|token[-_]?secret/i;

export class SiteFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** Parses and validates one site file's text; the error names the file, each field's path and what was expected. */
export function parseSiteFile(text: string, file: string): SiteFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new SiteFileError(file, [`not valid JSON (${(err as Error).message})`]);
  }
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    if ('products' in raw && !('id' in raw)) {
      throw new SiteFileError(file, ["this is a product feed, not a site file: name it in a site file's catalog.source, or move it out of the sites folder"]);
    }
    const secrets = Object.keys(raw).filter((k) => SECRET_KEYS.test(k));
    if (secrets.length) {
      throw new SiteFileError(
        file,
        secrets.map((k) => `${k}: secrets are never read from a site file; set SITE_SECRET_<ID> (and TOKEN_SECRET) in the environment`),
      );
    }
  }
  const result = siteFileSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new SiteFileError(
    file,
    result.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issueText(issue)}`),
  );
}

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  // A bad record key carries the key schema's own message one level down.
  if (issue.code === 'invalid_key' && issue.issues[0]) return issueText(issue.issues[0]);
  return issue.message;
}

/** `https://shop.example`, `http://localhost:8080`, or `http://localhost:*`: an origin, or one with any port. */
export function isOriginEntry(entry: string): boolean {
  const wildcard = entry.endsWith(':*');
  const candidate = wildcard ? entry.slice(0, -2) : entry;
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === candidate && !(wildcard && url.port);
  } catch {
    return false;
  }
}

/** The JSON Schema published as docs/site.schema.json. */
export function siteJsonSchema(): object {
  return {
    title: 'Contoso Voice site',
    description: 'One shop served by a Contoso Voice gateway. See README, "Run it for your shop".',
    ...z.toJSONSchema(siteFileSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
