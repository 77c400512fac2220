/**
 * Where each connect attempt's single-use session token comes from: the
 * page's own `getToken` (a retailer's backend minting with its site secret,
 * for sites with `publicTokens: false`), or else `POST {base}/v1/sessions`.
 * A failure is thrown as an Error whose message is the notice code the
 * shopper sees: `token` (the page could not supply one; retried),
 * `failed` (the gateway refuses this page or does not know the site; final),
 * `unavailable` (the shop's assistant budget is spent for now; final until the shopper asks again).
 * Anything else (a network error, a 5xx) is a connection problem, retried.
 */

/** The page's token supplier: the token, or `{ token }` as POST /v1/sessions answers, or a promise of either. */
export type GetToken = () => string | { token: string } | Promise<string | { token: string }>;

/** A page's getToken that has not answered by then is given up on, so the widget never waits forever. */
export const GET_TOKEN_TIMEOUT_MS = 10_000;

/** Calls the page's getToken, bounded in time, and checks that what it gave is a token. */
export async function pageToken(getToken: GetToken, timeoutMs = GET_TOKEN_TIMEOUT_MS): Promise<string> {
  try {
    const got: unknown = await Promise.race([getToken(), new Promise((_, no) => setTimeout(no, timeoutMs, 'timeout'))]);
    const token = (got as { token?: unknown } | null)?.token ?? got;
    if (typeof token == 'string' && token) return token;
    // What it gave instead (undefined, a number, an object without a token) is what the developer needs to see.
    throw got;
  } catch (err) {
    console.warn('ContosoVoice: getToken failed', err);
    throw Error('token');
  }
}

export async function sessionToken(base: string, site: string, getToken?: GetToken): Promise<string> {
  if (getToken) return pageToken(getToken);
  // No content-type header: a simple request, so no preflight round trip before each connect.
  const res = await fetch(`${base}/v1/sessions`, { method: 'POST', body: JSON.stringify({ site }) });
  if (res.status == 503 && (await res.json().catch(() => null))?.error == 'budget_exhausted') throw Error('unavailable');
  if (!res.ok) throw Error(res.status == 403 || res.status == 404 ? 'failed' : `token ${res.status}`);
  return (await res.json()).token;
}
