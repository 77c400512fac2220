/**
 * Headers on everything the gateway serves over HTTP: no content sniffing,
 * and no framing by other sites (clickjacking on the demo shop, or on a
 * JSON answer opened as a page). A WebSocket upgrade is left alone: on
 * Workers, rebuilding its response would lose the socket.
 */
import type { MiddlewareHandler } from 'hono';

const FRAME_ANCESTORS = "frame-ancestors 'none'";

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.status === 101 || c.res.headers.get('upgrade') || (c.req.header('upgrade') && c.res.status < 300)) return;
  c.header('x-content-type-options', 'nosniff');
  c.header('x-frame-options', 'DENY');
  const csp = c.res.headers.get('content-security-policy');
  if (!csp) c.header('content-security-policy', FRAME_ANCESTORS);
  else if (!/frame-ancestors/i.test(csp)) c.header('content-security-policy', `${csp}; ${FRAME_ANCESTORS}`);
};
