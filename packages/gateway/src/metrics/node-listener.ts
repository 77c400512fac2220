/**
 * METRICS_PORT: /metrics on a listener of its own, for a network only the
 * operator's Prometheus reaches. No token there: who can connect is the
 * protection. Everything else on it is a 404.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayMetrics } from './gateway-metrics.js';

export interface MetricsListener {
  url: string;
  close(): Promise<void>;
}

export function listenForMetrics(metrics: GatewayMetrics, o: { port: number; hostname?: string; log?: (event: string, fields: Record<string, string>) => void }): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', message: 'Only GET /metrics is served here.' }));
      return;
    }
    metrics.render().then(
      (page) => res.writeHead(200, { 'content-type': page.contentType, 'cache-control': 'no-store' }).end(page.body),
      (err: unknown) => {
        o.log?.('metrics.fault', { error: err instanceof Error ? err.message : String(err) });
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal_error', message: 'The metrics could not be rendered.' }));
      },
    );
  });
  const hostname = o.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, hostname, () => {
      const { port } = server.address() as AddressInfo;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({ url: `http://${host}:${port}/metrics`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
