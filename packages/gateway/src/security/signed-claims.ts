/**
 * `PREFIX.<claims>.<signature>`: JSON claims and an HMAC-SHA256 of
 * `PREFIX.<claims>`, both base64url. Web Crypto only, for Node and Workers.
 * The session and resume tokens are both made of this.
 */
import { base64ToBytes, bytesToBase64 } from '@contoso-voice/protocol';

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_TOKEN_CHARS = 2048;

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

export async function signClaims(prefix: string, claims: object, secret: string): Promise<string> {
  const body = toBase64Url(encoder.encode(JSON.stringify(claims)));
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`${prefix}.${body}`)));
  return `${prefix}.${body}.${toBase64Url(signature)}`;
}

/**
 * Parses a token's claims without trusting them: the caller picks the key
 * from them (which issuer, which site) and must then call verify.
 */
export function readSigned<T>(prefix: string, token: string): { claims: T; verify(secret: string): Promise<boolean> } | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== prefix) return null;
  const body = fromBase64Url(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!body || !signature) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== 'object') return null;
  return {
    claims: claims as T,
    verify: async (secret) => crypto.subtle.verify('HMAC', await hmacKey(secret), signature as Uint8Array<ArrayBuffer>, encoder.encode(`${prefix}.${parts[1]}`)),
  };
}
