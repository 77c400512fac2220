/**
 * The fetch for sites' HTTP tools on Node. The tool refuses a literal
 * private address or `localhost` before fetching (tools/http-tool.ts); this
 * refuses a host NAME whose addresses are not public, at the moment each
 * connection is made, so the address connected to is the one checked (no DNS
 * rebinding into the operator's network). Hosts the operator lists in
 * TOOL_ALLOW_HOSTS connect wherever they resolve.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, fetch as undiciFetch } from 'undici';
import { isPublicAddress } from '../catalog/feed-address.js';
import { httpToolRuntimeFromEnv, isAllowedHost, REFUSED_HOST_MESSAGE } from '../tools/http-tool.js';
import type { HttpToolRuntime } from '../tools/types.js';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
/** dns.lookup's shape, as net.connect calls it; `all: true` asked for here. */
export type Resolve = (hostname: string, options: { all: true; family?: number }, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;
type Lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => void;

const systemResolve: Resolve = (hostname, options, callback) => dnsLookup(hostname, options, callback);

function answer(addresses: LookupAddress[], options: { all?: boolean }, callback: LookupCallback) {
  if (options.all) return callback(null, addresses);
  callback(null, addresses[0]!.address, addresses[0]!.family);
}

/** A connect-time lookup that fails for a name with any address that is not public. */
export function publicOnlyToolLookup(resolve: Resolve = systemResolve): Lookup {
  return (hostname, options, callback) =>
    resolve(hostname, { all: true, family: options.family }, (err, addresses) => {
      if (err) return callback(err, []);
      const inside = addresses.find((a) => !isPublicAddress(a.address));
      if (inside) {
        const refused: NodeJS.ErrnoException = new Error(`${REFUSED_HOST_MESSAGE} ${hostname}: ${inside.address} is not a public address`);
        refused.code = 'EADDRNOTAVAIL';
        return callback(refused, []);
      }
      answer(addresses, options, callback);
    });
}

const anyLookup =
  (resolve: Resolve): Lookup =>
  (hostname, options, callback) =>
    resolve(hostname, { all: true, family: options.family }, (err, addresses) => (err ? callback(err, []) : answer(addresses, options, callback)));

export interface NodeToolFetchOptions {
  /** TOOL_ALLOW_HOSTS: these connect even to loopback or private addresses. */
  allowHosts?: readonly string[];
  /** Name resolution; dns.lookup by default (tests give a stub). */
  resolve?: Resolve;
}

/** The global fetch's API over undici, with the connect-time address check above for every host not allowed. */
export function nodeToolFetch(o: NodeToolFetchOptions = {}): typeof fetch {
  const resolve = o.resolve ?? systemResolve;
  const guarded = new Agent({ connect: { lookup: publicOnlyToolLookup(resolve) as never } });
  const open = new Agent({ connect: { lookup: anyLookup(resolve) as never } });
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const dispatcher = isAllowedHost(url, o.allowHosts) ? open : guarded;
    return undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher }) as unknown as Promise<Response>;
  };
}

/** HTTP tools' runtime on Node: secrets from `env` by name, TOOL_ALLOW_HOSTS, and the guarded fetch. */
export function nodeHttpToolRuntime(env: Record<string, string | undefined> = process.env): HttpToolRuntime {
  const runtime = httpToolRuntimeFromEnv(env);
  return { ...runtime, fetch: nodeToolFetch({ allowHosts: runtime.allowHosts }) };
}

/** A config's HTTP tool runtime with the guarded fetch filled in when the caller gave none (startNodeGateway, attachGateway). */
export function withNodeToolFetch<T extends { httpTools?: HttpToolRuntime }>(config: T): T {
  if (config.httpTools?.fetch) return config;
  return { ...config, httpTools: { ...config.httpTools, fetch: nodeToolFetch({ allowHosts: config.httpTools?.allowHosts }) } };
}
