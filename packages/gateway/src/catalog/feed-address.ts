/**
 * Which feed hosts the gateway may fetch from. A site file is the
 * retailer's, but a feed URL that points (or redirects) at loopback or a
 * private network would let it probe the operator's own network, so those
 * are refused unless the operator allows them (CATALOG_FETCH_PRIVATE=on).
 */
import ipaddr from 'ipaddr.js';

/** True for an address on the public internet; loopback, private, link-local, CGNAT, multicast and the like are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** A literal IP in a URL's hostname, without IPv6 brackets; null for a name. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(bare) ? bare : null;
}

/** Names that always mean this machine, whatever DNS says. */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
