/**
 * GET /metrics on the gateway's own port: only with the operator's bearer
 * token. Both sides are hashed before comparing, so neither the token's
 * characters nor its length show in the time a wrong guess takes.
 */
import type { Context } from 'hono';
import type { GatewayMetrics } from './gateway-metrics.js';

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export function metricsRoute(metrics: GatewayMetrics & { token: string }) {
  return async (c: Context) => {
    const given = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
    if (!given || !(await tokenMatches(given, metrics.token))) {
      c.header('www-authenticate', 'Bearer realm="metrics"');
      return c.json({ error: 'unauthorized', message: 'GET /metrics needs the METRICS_TOKEN as a bearer token.' }, 401);
    }
    const page = await metrics.render();
    return c.body(page.body, 200, { 'content-type': page.contentType, 'cache-control': 'no-store' });
  };
}
