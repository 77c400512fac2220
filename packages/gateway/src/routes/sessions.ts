/**
 * POST /v1/sessions {"site": "demo"} → {"token", "expires_at"}.
 * A browser on an allowlisted origin gets a token bound to that origin, for
 * sites with public tokens. A retailer's backend may instead authenticate
 * with its site secret (`Authorization: Bearer SITE_SECRET`) and name the
 * origin, or none for a server client; or mint tokens itself with
 * mintSessionToken and never call this.
 */
import { Hono, type Context } from 'hono';
import { defaultLimits, type GatewayConfig } from '../config.js';
import type { Logger } from '../log.js';
import { originAllowed } from '../security/origins.js';
import { mintSessionToken } from '../security/session-token.js';
import type { SiteLookup } from '../sites/site-lookup.js';
import { readBoundedBody } from '../security/bounded-body.js';
import { minuteCounter } from '../security/minute-counter.js';
import { budgetRefusal, type GatewayUsage } from '../usage/gateway-usage.js';

const MAX_BODY_BYTES = 1024;
/** A body of at most 1 KiB that has not arrived in this long is not a shopper's browser. */
const BODY_DEADLINE_MS = 5000;

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function corsHeaders(c: Context, origin: string) {
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin');
}

/** `usage`: a site at its budget's cap gets no token (503 budget_exhausted). */
export function sessionRoutes(config: GatewayConfig, sites: SiteLookup, log: Logger, clientIp: (c: Context) => string, usage?: GatewayUsage) {
  const app = new Hono();
  const mintsByIp = minuteCounter();
  const tokensPerMinute = config.limits?.tokensPerIpPerMinute ?? defaultLimits.tokensPerIpPerMinute;
  // No answer from here is cached: a token is single-use, and a refusal may not hold a minute later.
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  // Any page may ask, so that a page that is not allowed can read why and say so instead of retrying
  // as if the network were down; only an allowlisted one gets a token.
  app.options('/', (c) => {
    const origin = c.req.header('origin');
    if (!origin) return c.body(null, 403);
    corsHeaders(c, origin);
    c.header('access-control-allow-methods', 'POST');
    c.header('access-control-allow-headers', 'content-type');
    c.header('access-control-max-age', '600');
    return c.body(null, 204);
  });

  app.post('/', async (c) => {
    const origin = c.req.header('origin');
    const read = await readBoundedBody(c.req.raw, MAX_BODY_BYTES, BODY_DEADLINE_MS);
    if (!read.ok) {
      return read.reason === 'too_large'
        ? c.json({ error: 'body_too_large', message: `The request body is over ${MAX_BODY_BYTES} bytes.` }, 413)
        : c.json({ error: 'invalid_request', message: 'The request body took too long to arrive.' }, 408);
    }
    let body: unknown;
    try {
      body = JSON.parse(read.text);
    } catch {
      return c.json({ error: 'invalid_request', message: 'The body must be JSON: {"site": "..."}.' }, 400);
    }
    const siteId = (body as { site?: unknown } | null)?.site;
    if (typeof siteId !== 'string') return c.json({ error: 'invalid_request', message: 'Name the site: {"site": "..."}.' }, 400);
    const site = sites.get(siteId);
    if (!site) {
      if (origin) corsHeaders(c, origin);
      return c.json({ error: 'unknown_site', message: `No site "${siteId.slice(0, 64)}".` }, 404);
    }
    // Asked only of callers who would get a token otherwise: on a Worker it is a Durable Object call.
    const overBudget = () => (usage ? budgetRefusal(c, usage, site, log, 'token', () => origin && corsHeaders(c, origin)) : null);

    const bearer = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
    if (bearer !== undefined) {
      const secret = Object.hasOwn(config.security.siteSecrets, site.id) ? config.security.siteSecrets[site.id] : undefined;
      if (!secret || !timingSafeEqual(bearer, secret)) {
        log('token.refused', { site: site.id, code: 'bad_site_secret' });
        return c.json({ error: 'unauthorized', message: 'The site secret is not valid.' }, 401);
      }
      const bound = (body as { origin?: unknown }).origin;
      if (bound !== undefined && bound !== null && (typeof bound !== 'string' || !originAllowed(bound, site.access.allowedOrigins))) {
        return c.json({ error: 'origin_not_allowed', message: 'That origin is not on the site allowlist.' }, 403);
      }
      return (await overBudget()) ?? c.json(await mintSessionToken(secret, { site: site.id, origin: (bound as string | null | undefined) ?? null, iss: 'site' }));
    }

    if (!origin) return c.json({ error: 'unauthorized', message: 'Server clients authenticate with the site secret.' }, 401);
    // Metered per address only here: a retailer's backend that holds the site secret mints for all its shoppers from one address.
    if (!mintsByIp.take(clientIp(c), tokensPerMinute)) {
      log('token.refused', { site: site.id, code: 'rate_limited' });
      corsHeaders(c, origin);
      return c.json({ error: 'rate_limited', message: `At most ${tokensPerMinute} session tokens a minute from one address.` }, 429);
    }
    if (!site.access.publicTokens || !originAllowed(origin, site.access.allowedOrigins)) {
      log('token.refused', { site: site.id, code: 'origin_not_allowed', origin: origin.slice(0, 200) });
      corsHeaders(c, origin);
      return c.json({ error: 'origin_not_allowed', message: 'This page is not allowed to use the assistant.' }, 403);
    }
    const refused = await overBudget();
    if (refused) return refused;
    corsHeaders(c, origin);
    return c.json(await mintSessionToken(config.security.tokenSecret, { site: site.id, origin, iss: 'gateway' }));
  });

  return app;
}
