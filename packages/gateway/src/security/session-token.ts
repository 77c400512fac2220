/**
 * Short-lived, single-use session tokens: signed claims with the prefix `v1`
 * (signed-claims.ts), so the same code mints and checks on Node and on
 * Workers, and a retailer's backend can mint with its site secret without
 * calling us.
 */
import { readSigned, signClaims } from './signed-claims.js';

export interface SessionTokenClaims {
  /** Site id the token opens a session for. */
  site: string;
  /** Page origin the token was minted for; null for a server client with no Origin header. */
  origin: string | null;
  /** Expiry, UNIX seconds. */
  exp: number;
  /** Single-use id. */
  jti: string;
  /** Who signed it: the gateway (for an allowlisted browser) or the site's backend, with the site secret. */
  iss: 'gateway' | 'site';
}

/** The longest a token may live before it opens a session. */
export const MAX_TOKEN_TTL_SECONDS = 60;

export interface MintOptions {
  site: string;
  origin?: string | null;
  /** Seconds until it expires; at most 60. */
  ttlSeconds?: number;
  /** `site` when a retailer's backend mints with its site secret. */
  iss?: SessionTokenClaims['iss'];
  now?: number;
}

/** Mints a token signed with `secret`. A retailer's Node backend calls this with its site secret (iss: 'site'). */
export async function mintSessionToken(secret: string, o: MintOptions): Promise<{ token: string; expires_at: number }> {
  if (!secret) throw new Error('a signing secret is required');
  const ttl = Math.min(o.ttlSeconds ?? MAX_TOKEN_TTL_SECONDS, MAX_TOKEN_TTL_SECONDS);
  const claims: SessionTokenClaims = {
    site: o.site,
    origin: o.origin ?? null,
    exp: Math.floor((o.now ?? Date.now()) / 1000) + ttl,
    jti: crypto.randomUUID(),
    iss: o.iss ?? 'site',
  };
  return { token: await signClaims('v1', claims, secret), expires_at: claims.exp };
}

export type TokenCheck = { ok: true; claims: SessionTokenClaims } | { ok: false; reason: 'invalid' | 'expired' | 'lifetime' };

/** Clocks of a retailer's backend and the gateway may differ by this much. */
const CLOCK_SKEW_SECONDS = 5;

/**
 * Checks the signature with the key its issuer names (`secretFor`), then the
 * expiry. Claims are read before the signature is checked only to pick the key.
 */
export async function verifySessionToken(
  token: string,
  secretFor: (claims: SessionTokenClaims) => string | undefined,
  now = Date.now(),
): Promise<TokenCheck> {
  const read = readSigned<SessionTokenClaims>('v1', token);
  if (!read) return { ok: false, reason: 'invalid' };
  const { claims } = read;
  if (
    typeof claims.site !== 'string' || typeof claims.exp !== 'number' || typeof claims.jti !== 'string' ||
    (claims.origin !== null && typeof claims.origin !== 'string') || (claims.iss !== 'gateway' && claims.iss !== 'site')
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const secret = secretFor(claims);
  if (!secret || !(await read.verify(secret))) return { ok: false, reason: 'invalid' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  // A token that would stay valid past the maximum lifetime could be spent long after it leaked; a single-use id is remembered only that long, too.
  if (claims.exp * 1000 > now + (MAX_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000) return { ok: false, reason: 'lifetime' };
  return { ok: true, claims };
}
