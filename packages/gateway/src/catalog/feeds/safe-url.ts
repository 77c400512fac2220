/** Any scheme but http(s): `javascript:`, `data:` would run or render in the shopper's page. */
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A link or image a product card can safely use: absolute http(s), or a
 * path (the model resolves paths against the shop or the gateway).
 * Protocol-relative `//cdn…` becomes https. Anything else is dropped.
 */
export function safeUrl(text: string | undefined): string | undefined {
  const url = text?.trim();
  if (!url) return undefined;
  if (url.startsWith('//')) return `https:${url}`;
  if (/^https?:\/\//i.test(url)) return url;
  return OTHER_SCHEME.test(url) ? undefined : url;
}
