/**
 * How the gateway signs its requests to a retailer's HTTP tools, so the
 * retailer's endpoint can tell them from anyone else's:
 *
 *   x-contoso-timestamp: <unix seconds>
 *   x-contoso-signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 *
 * `body` is exactly the bytes sent: for POST the JSON request body, for GET
 * the query string as sent, without the leading "?" (empty when there is
 * none). The endpoint recomputes the HMAC over the raw bytes it received
 * (never a re-serialisation), compares in constant time, and refuses a
 * timestamp more than five minutes from its own clock, so a recorded request
 * cannot be replayed later. Web Crypto only, so it runs on workerd too.
 */

export const TIMESTAMP_HEADER = 'x-contoso-timestamp';
export const SIGNATURE_HEADER = 'x-contoso-signature';
/** How far a request's timestamp may be from the verifier's clock, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const b of mac) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** The two headers for one request. `body`: the POST body, or the GET query string without "?". `now`: ms since the epoch. */
export async function signRequest(secret: string, body: string, now: number = Date.now()): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(now / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: `v1=${await hmacHex(secret, `${timestamp}.${body}`)}` };
}

/** Equal strings, in time that depends only on their length. */
function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

/**
 * The retailer's side, in TypeScript: true when `header` (the x-contoso-signature value) is the
 * signature of `body` at `timestamp` (the x-contoso-timestamp value), and the timestamp is within
 * `toleranceSeconds` of `now` (ms since the epoch).
 */
export async function verifySignature(
  secret: string,
  timestamp: string | null | undefined,
  body: string,
  header: string | null | undefined,
  now: number = Date.now(),
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): Promise<boolean> {
  if (!timestamp || !header || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > toleranceSeconds) return false;
  return constantTimeEqual(header.trim(), `v1=${await hmacHex(secret, `${timestamp}.${body}`)}`);
}
