/**
 * Where a link in the widget may point: the page's own origin, or a host the
 * site lists (`linkHosts`, exact or `*.example.com`). Anything else, and any
 * scheme but http(s), is shown as text, so model text cannot send a shopper
 * to `javascript:` or to another shop.
 */
let siteHosts: readonly string[] = [];

/** The site's `linkHosts` option; one assistant per page, so one list. */
export function setLinkHosts(hosts: readonly string[]) {
  siteHosts = hosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
}

export function safeHref(href: string, hosts: readonly string[] = siteHosts): string | null {
  let url: URL;
  try {
    url = new URL(href, location.href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.origin === location.origin) return url.href;
  const host = url.hostname.toLowerCase();
  return hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h.toLowerCase())) && url.protocol === 'https:' ? url.href : null;
}

/** A card's product page on this page's origin: the gateway's idea of the shop URL may be another host or port. */
export function cardHref(card: { url: string; path?: string }): string {
  return card.path ? new URL(card.path, location.origin).href : card.url;
}
