/**
 * Reads a feed over HTTP(S) with the limits a gateway needs: https only, no
 * redirect to a private address, a size bound enforced while streaming, a
 * time bound, and conditional requests so an unchanged feed costs a 304.
 */
import { isLoopbackName, isPublicAddress, literalAddress } from './feed-address.js';
import { readBoundedStream } from '../security/bounded-body.js';

export interface FeedFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Loopback, private addresses and plain http allowed (CATALOG_FETCH_PRIVATE=on), for tests and feeds on the operator's own network. */
  allowPrivate: boolean;
  /** Which resolved addresses may be fetched from when private ones are not allowed: public unicast by default. */
  isAllowedAddress?(address: string): boolean;
  /** Plain http allowed without allowing private addresses (tests of the address rule). */
  allowHttp?: boolean;
  /** Resolves a host name to its addresses, so a name pointing at a private address is refused too (Node: dns.lookup). */
  resolveHost?(hostname: string): Promise<string[]>;
  /** The fetch to use; Node's checks the address of every connection it makes (node/guarded-fetch.ts). */
  fetch?: typeof fetch;
  etag?: string;
  lastModified?: string;
}

export type FeedFetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag?: string; lastModified?: string };

export class FeedFetchError extends Error {}

const MAX_REDIRECTS = 3;

async function checkTarget(url: URL, o: FeedFetchOptions): Promise<void> {
  if (url.protocol !== 'https:' && !((o.allowPrivate || o.allowHttp) && url.protocol === 'http:')) {
    throw new FeedFetchError(`refused ${url.protocol}// feed URL: feeds are fetched over https only`);
  }
  if (o.allowPrivate) return;
  if (isLoopbackName(url.hostname)) throw new FeedFetchError(`refused feed host ${url.hostname}: it is this machine`);
  const literal = literalAddress(url.hostname);
  const addresses = literal ? [literal] : ((await o.resolveHost?.(url.hostname)) ?? []);
  const allowed = o.isAllowedAddress ?? isPublicAddress;
  const inside = addresses.find((a) => !allowed(a));
  if (inside) throw new FeedFetchError(`refused feed host ${url.hostname}: ${inside} is not a public address`);
}

export async function fetchFeed(source: string, o: FeedFetchOptions): Promise<FeedFetchResult> {
  let url = new URL(source);
  const signal = AbortSignal.timeout(o.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/xml, text/xml, text/csv, text/tab-separated-values, application/json, */*;q=0.5' };
  if (o.etag) headers['if-none-match'] = o.etag;
  if (o.lastModified) headers['if-modified-since'] = o.lastModified;
  try {
    for (let hop = 0; ; hop++) {
      await checkTarget(url, o);
      const res = await (o.fetch ?? fetch)(url, { headers, redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location || hop >= MAX_REDIRECTS) throw new FeedFetchError(`feed redirects ${location ? 'too many times' : 'without a location'}`);
        url = new URL(location, url);
        continue;
      }
      if (res.status === 304) return { status: 'not-modified' };
      if (!res.ok) {
        await res.body?.cancel();
        throw new FeedFetchError(`feed answered HTTP ${res.status}`);
      }
      const read = await readBoundedStream(res.body, res.headers.get('content-length'), o.maxBytes, o.timeoutMs);
      if (!read.ok) throw new FeedFetchError(read.reason === 'too_large' ? `feed is over the ${o.maxBytes}-byte limit` : `feed took longer than ${o.timeoutMs} ms`);
      const text = read.text;
      return { status: 'ok', text, etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined };
    }
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    const name = (err as Error).name;
    // fetch says only "fetch failed"; the reason (a refused address, a reset) is its cause.
    const why = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    throw new FeedFetchError(name === 'TimeoutError' || name === 'AbortError' ? `feed took longer than ${o.timeoutMs} ms` : `feed could not be fetched (${why})`);
  }
}
