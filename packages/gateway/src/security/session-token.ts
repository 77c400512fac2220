/**
 * Short-lived, single-use session tokens: `v1.<claims>.<signature>`, both
 * parts base64url, the signature an HMAC-SHA256 of the claims part. Web
 * Crypto only, so the same code mints and checks on Node and on Workers, and
 * a retailer's backend can mint with its site secret without calling us.
 */
import { base64ToBytes, bytesToBase64 } from '@contoso-voice/protocol';

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

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    if (keys.size > 256) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

const toBase64Url = (bytes: Uint8Array) => bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    return base64ToBytes(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  } catch {
    return null;
  }
}

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
  const body = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`v1.${body}`)));
  return { token: `v1.${body}.${toBase64Url(signature)}`, expires_at: claims.exp };
}

export type TokenCheck = { ok: true; claims: SessionTokenClaims } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks the signature with the key its issuer names (`secretFor`), then the
 * expiry. Claims are read before the signature is checked only to pick the key.
 */
export async function verifySessionToken(
  token: string,
  secretFor: (claims: SessionTokenClaims) => string | undefined,
  now = Date.now(),
): Promise<TokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || token.length > 2048) return { ok: false, reason: 'invalid' };
  const body = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!body || !signature) return { ok: false, reason: 'invalid' };
  let claims: SessionTokenClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (
    typeof claims !== 'object' || claims === null ||
    typeof claims.site !== 'string' || typeof claims.exp !== 'number' || typeof claims.jti !== 'string' ||
    (claims.origin !== null && typeof claims.origin !== 'string') || (claims.iss !== 'gateway' && claims.iss !== 'site')
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const secret = secretFor(claims);
  if (!secret) return { ok: false, reason: 'invalid' };
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signature as Uint8Array<ArrayBuffer>, encoder.encode(`v1.${parts[1]}`));
  if (!valid) return { ok: false, reason: 'invalid' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
