/**
 * POST /v1/sessions {"site": "demo"} → {"token", "expires_at"}.
 * A browser on an allowlisted origin gets a token bound to that origin, for
 * sites with public tokens. A retailer's backend may instead authenticate
 * with its site secret (`Authorization: Bearer SITE_SECRET`) and name the
 * origin, or none for a server client; or mint tokens itself with
 * mintSessionToken and never call this.
 */
import { Hono, type Context } from 'hono';
import type { GatewayConfig } from '../config.js';
import type { Logger } from '../log.js';
import { originAllowed } from '../security/origins.js';
import { mintSessionToken } from '../security/session-token.js';
import type { SiteLookup } from '../sites/site-lookup.js';

const MAX_BODY_BYTES = 1024;

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

export function sessionRoutes(config: GatewayConfig, sites: SiteLookup, log: Logger) {
  const app = new Hono();

  app.options('/', (c) => {
    const origin = c.req.header('origin');
    const site = sites.get(c.req.query('site') ?? '') ?? null;
    const allowed = origin && sites.all().some((s) => s.access.publicTokens && originAllowed(origin, s.access.allowedOrigins));
    if (!allowed || (site && !originAllowed(origin, site.access.allowedOrigins))) return c.body(null, 403);
    corsHeaders(c, origin);
    c.header('access-control-allow-methods', 'POST');
    c.header('access-control-allow-headers', 'content-type');
    c.header('access-control-max-age', '600');
    return c.body(null, 204);
  });

  app.post('/', async (c) => {
    const origin = c.req.header('origin');
    const raw = await c.req.text();
    if (raw.length > MAX_BODY_BYTES) return c.json({ error: 'invalid_request', message: 'The request body is too large.' }, 413);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return c.json({ error: 'invalid_request', message: 'The body must be JSON: {"site": "..."}.' }, 400);
    }
    const siteId = (body as { site?: unknown } | null)?.site;
    if (typeof siteId !== 'string') return c.json({ error: 'invalid_request', message: 'Name the site: {"site": "..."}.' }, 400);
    const site = sites.get(siteId);
    if (!site) return c.json({ error: 'unknown_site', message: `No site "${siteId.slice(0, 64)}".` }, 404);

    const bearer = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
    if (bearer !== undefined) {
      const secret = config.security.siteSecrets[site.id];
      if (!secret || !timingSafeEqual(bearer, secret)) {
        log('token.refused', { site: site.id, code: 'bad_site_secret' });
        return c.json({ error: 'unauthorized', message: 'The site secret is not valid.' }, 401);
      }
      const bound = (body as { origin?: unknown }).origin;
      if (bound !== undefined && bound !== null && (typeof bound !== 'string' || !originAllowed(bound, site.access.allowedOrigins))) {
        return c.json({ error: 'origin_not_allowed', message: 'That origin is not on the site allowlist.' }, 403);
      }
      return c.json(await mintSessionToken(secret, { site: site.id, origin: (bound as string | null | undefined) ?? null, iss: 'site' }));
    }

    if (!origin) return c.json({ error: 'unauthorized', message: 'Server clients authenticate with the site secret.' }, 401);
    if (!site.access.publicTokens || !originAllowed(origin, site.access.allowedOrigins)) {
      log('token.refused', { site: site.id, code: 'origin_not_allowed' });
      return c.json({ error: 'origin_not_allowed', message: 'This page is not allowed to use the assistant.' }, 403);
    }
    corsHeaders(c, origin);
    c.header('cache-control', 'no-store');
    return c.json(await mintSessionToken(config.security.tokenSecret, { site: site.id, origin, iss: 'gateway' }));
  });

  return app;
}
