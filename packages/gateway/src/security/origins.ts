/**
 * Origin allowlist entries are exact origins (`https://shop.example`) or an
 * origin with `*` for the port (`http://localhost:*`), for development.
 */
export function originAllowed(origin: string, allowlist: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // "null", paths, credentials: not a plain origin
  return allowlist.some((entry) => {
    if (entry === origin) return true;
    if (!entry.endsWith(':*')) return false;
    return `${url.protocol}//${url.hostname}` === entry.slice(0, -2);
  });
}
