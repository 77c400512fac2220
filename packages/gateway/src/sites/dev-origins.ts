/**
 * Origins that only make sense on a developer's machine. Any client can send
 * such an Origin header, so with a real model key a site that allows them
 * would let anyone spend the key; the start refuses it unless the operator
 * says so (ALLOW_LOOPBACK_ORIGINS=on).
 */
import { isLoopbackName, literalAddress } from '../catalog/feed-address.js';
import ipaddr from 'ipaddr.js';
import type { SiteConfig } from './types.js';

function isLoopbackOrigin(entry: string): boolean {
  if (entry.endsWith(':*')) return true;
  let host: string;
  try {
    host = new URL(entry).hostname;
  } catch {
    return false;
  }
  const literal = literalAddress(host);
  return isLoopbackName(host) || (literal !== null && ipaddr.process(literal).range() === 'loopback');
}

export const ALLOW_LOOPBACK_SWITCH = 'ALLOW_LOOPBACK_ORIGINS=on';

/** Throws, naming each site and origin, when a site allows loopback or any-port origins while a model key is in use. */
export function refuseLoopbackOrigins(sites: SiteConfig[], upstreamKind: string, allowed: boolean): void {
  if (upstreamKind === 'local' || allowed) return;
  const offending = sites.flatMap((s) => s.access.allowedOrigins.filter(isLoopbackOrigin).map((o) => `site "${s.id}" allows ${o}`));
  if (offending.length) {
    throw new Error(
      `${offending.join('; ')}. Any client can claim such an origin, so with a model key set that would let anyone spend it. ` +
        `List your shop's real https origins, or set ${ALLOW_LOOPBACK_SWITCH} if this gateway is only reachable from this machine.`,
    );
  }
}
