/**
 * The URL browsers reach this gateway at, mount path included, for the links
 * it writes into events (the demo's product images). Mounted under a prefix
 * (`app.route('/voice', gateway)`), the request path still carries it, so
 * the prefix is whatever precedes the route that was hit.
 */
export function gatewayBaseUrl(configured: string | undefined, requestUrl: string, routePath: string): string {
  if (configured) return configured.replace(/\/+$/, '');
  const url = new URL(requestUrl);
  const prefix = url.pathname.endsWith(routePath) ? url.pathname.slice(0, -routePath.length) : '';
  return `${url.origin}${prefix.replace(/\/+$/, '')}`;
}
