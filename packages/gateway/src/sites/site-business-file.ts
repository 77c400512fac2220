/**
 * The parts of a site file about what happens around a conversation for the
 * retailer's own systems: the post-conversation webhook, and the shop
 * analytics events the widget emits on the page.
 */
import * as z from 'zod';

/** The environment variable a site's webhook secret lives in: WEBHOOK_SECRET_<SITE ID>, dashes as underscores. */
export const webhookSecretEnv = (siteId: string) => `WEBHOOK_SECRET_${siteId.toUpperCase().replace(/-/g, '_')}`;

export const webhookSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/ })
    .describe('The HTTPS endpoint that receives one signed JSON record after each conversation (see docs/WEBHOOKS.md). Loopback, private and plain-http hosts are refused unless the operator lists the host in TOOL_ALLOW_HOSTS.'),
  signingSecretEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an environment variable name such as "WEBHOOK_SECRET_ACME"')
    .optional()
    .describe('The environment variable holding the secret (16+ characters) each record is signed with: WEBHOOK_SECRET_<SITE ID> (the default), or one starting with WEBHOOK_SECRET_<SITE ID>_.'),
  transcripts: z
    .boolean()
    .optional()
    .describe('true (default): the record carries what was typed, said and answered. false: turns carry only their kind and time.'),
});

export const analyticsSchema = z.strictObject({
  dataLayer: z
    .boolean()
    .optional()
    .describe('true: the widget pushes GA4-shaped ecommerce events (view_item_list, select_item, add_to_cart, remove_from_cart) to window.dataLayer. Default false. DOM and on() events are sent either way.'),
  consent: z
    .enum(['required', 'not_required'])
    .optional()
    .describe('"required" (default): nothing is pushed to dataLayer until the page grants it (ContosoVoice.push(["consent", {analytics: true}])). "not_required": the shop\'s own consent banner covers it.'),
});

export const siteBusinessFields = {
  webhook: webhookSchema.optional().describe('Where the gateway sends each finished conversation, signed.'),
  analytics: analyticsSchema.optional().describe('The shop analytics events the widget emits on the page.'),
};

/** A webhook secret from another site's (or the operator's) variables would sign with what is not this shop's. */
export function webhookSecretProblem(siteId: string, env: string | undefined): string | null {
  const own = webhookSecretEnv(siteId);
  if (env === undefined || env === own || env.startsWith(`${own}_`)) return null;
  return `must be ${own} or start with ${own}_ (this site's own secrets)`;
}
