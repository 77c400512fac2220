/**
 * The check before a WebSocket upgrade: origin, then token, then the
 * site's session limits. A refusal is an HTTP status and a stable code, and
 * the socket is never opened.
 */
import type { GatewayConfig, GatewayLimits } from '../config.js';
import type { SiteConfig } from '../sites/types.js';
import { originAllowed } from './origins.js';
import { MAX_TOKEN_TTL_SECONDS, verifySessionToken, type SessionTokenClaims } from './session-token.js';
import type { AdmissionGate } from './admission-gate.js';

export type RefusalCode =
  | 'origin_not_allowed'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'token_replayed'
  | 'token_mismatch'
  | 'token_lifetime_too_long'
  | 'too_many_sessions'
  | 'rate_limited';

export interface Refusal {
  status: 401 | 403 | 409 | 410 | 429;
  code: RefusalCode;
  message: string;
}

export interface AdmissionRequest {
  site: SiteConfig;
  limits: GatewayLimits;
  origin: string | undefined;
  token: string | undefined;
  ip: string;
}

export type AdmissionResult = { ok: true; claims: SessionTokenClaims; ticket: string; release(): void } | { ok: false; refusal: Refusal };

const refuse = (status: Refusal['status'], code: RefusalCode, message: string): AdmissionResult => ({ ok: false, refusal: { status, code, message } });

/** The key a token's issuer signs with: the gateway's own, or the named site's secret. */
export function tokenSecretFor(config: GatewayConfig) {
  const { tokenSecret, siteSecrets } = config.security;
  // Own keys only: a token naming "__proto__" or "constructor" must find no key, not Object's.
  return (claims: SessionTokenClaims) => (claims.iss === 'gateway' ? tokenSecret : Object.hasOwn(siteSecrets, claims.site) ? siteSecrets[claims.site] : undefined);
}

export interface AdmissionDeps {
  config: GatewayConfig;
  gate: AdmissionGate;
}

export async function admit(d: AdmissionDeps, r: AdmissionRequest): Promise<AdmissionResult> {
  if (r.origin !== undefined && !originAllowed(r.origin, r.site.access.allowedOrigins)) {
    return refuse(403, 'origin_not_allowed', 'This page is not allowed to use the assistant.');
  }
  if (!r.token) return refuse(401, 'token_missing', 'A session token is required: POST /v1/sessions first.');
  const check = await verifySessionToken(r.token, tokenSecretFor(d.config));
  if (!check.ok) {
    if (check.reason === 'expired') return refuse(410, 'token_expired', 'The session token has expired; get a fresh one.');
    if (check.reason === 'lifetime') return refuse(403, 'token_lifetime_too_long', `A session token may live at most ${MAX_TOKEN_TTL_SECONDS} s.`);
    return refuse(403, 'token_invalid', 'The session token is not valid.');
  }
  const { claims } = check;
  if (claims.site !== r.site.id) return refuse(403, 'token_mismatch', 'The session token is for another site.');
  // A token minted for a page works only from that page's origin; one minted for a server client works only without one.
  if ((claims.origin ?? undefined) !== r.origin) {
    return refuse(403, 'token_mismatch', 'The session token is for another origin.');
  }
  const entered = await d.gate.enter({ site: r.site.id, ip: r.ip, jti: claims.jti, expiresAtMs: claims.exp * 1000, limits: r.limits });
  if (!entered.ok) return refuse(entered.status, entered.code, entered.message);
  let left = false;
  const release = () => {
    if (left) return;
    left = true;
    void d.gate.leave(entered.ticket);
  };
  return { ok: true, claims, ticket: entered.ticket, release };
}
