/** What an operator is told at start about sites' webhooks that cannot be signed, so it is not found out from lost records. */
import type { SiteConfig } from '../sites/types.js';
import { MIN_SECRET_CHARS } from '../tools/http-tool.js';

export function webhookSecretWarnings(sites: readonly SiteConfig[], env: Record<string, string | undefined>): string[] {
  return sites.flatMap((site) => {
    const name = site.webhook?.signingSecretEnv;
    if (!name || (env[name]?.length ?? 0) >= MIN_SECRET_CHARS) return [];
    return [`site "${site.id}": its conversation webhook signs with ${name}, which is not set (or under ${MIN_SECRET_CHARS} characters): no record is sent until it is.`];
  });
}
