/**
 * A fetch for feeds whose every connection is checked at the moment it is
 * made: the address the socket connects to is the one that was checked, so a
 * feed host whose DNS answers a public address first and loopback next (DNS
 * rebinding) cannot reach this machine or its network.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { isPublicAddress } from '../catalog/feed-address.js';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that fails for a name with any address that is not public. */
export function publicOnlyLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void {
  dnsLookup(hostname, { all: true, family: options.family }, (err, addresses) => {
    if (err) return callback(err, []);
    const inside = addresses.find((a) => !isPublicAddress(a.address));
    if (inside) {
      const refused: NodeJS.ErrnoException = new Error(`refused feed host ${hostname}: ${inside.address} is not a public address`);
      refused.code = 'EADDRNOTAVAIL';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup as never } });

/** The feed fetch on Node: the global fetch's API, with connections only to public addresses. */
export const publicOnlyFetch: typeof fetch = (input, init) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher: publicOnly }) as unknown as Promise<Response>;
