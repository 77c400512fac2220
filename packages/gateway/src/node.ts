/**
 * The Node adapter: @hono/node-server with its built-in WebSocket upgrade,
 * over plain HTTP or, given a certificate, HTTPS.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve, upgradeWebSocket, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MiddlewareHandler } from 'hono';
import { createGateway } from './app.js';
import { defaultLimits, type GatewayConfig } from './config.js';

/** The demo storefront, made by `npm run build`. */
export const STOREFRONT_DIST = fileURLToPath(new URL('../../../examples/storefront/dist/', import.meta.url));

/** The script-tag build of the widget, made by `npm run build`. */
export const WIDGET_DIST = fileURLToPath(new URL('../../widget/dist/iife/', import.meta.url));

export interface NodeServerOptions extends GatewayConfig {
  port?: number;
  hostname?: string;
  /** A folder of static shop pages to serve at / (the demo storefront). */
  storefrontDir?: string;
  /** Headers for those pages, such as a Content-Security-Policy. */
  storefrontHeaders?: Record<string, string>;
  /** PEM certificate and key: serve https and wss instead of http and ws. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** How often to ping each client; one that has not answered the last ping by the next is dropped. */
  heartbeatMs?: number;
}

export interface RunningGateway {
  server: ServerType;
  wss: WebSocketServer;
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Picks `realtime` when a client offers it, so browsers and the openai client's subprotocol checks pass. */
export function chooseSubprotocol(offered: Set<string>): string | false {
  return offered.has('realtime') ? 'realtime' : false;
}

function withHeaders(serve: MiddlewareHandler, headers: Record<string, string>): MiddlewareHandler {
  return async (c, next) => {
    const res = (await serve(c, next)) ?? c.res;
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    return res;
  };
}

/** Pings every client; a dead peer (a phone that lost its network) is closed instead of held open. */
function startHeartbeat(wss: WebSocketServer, intervalMs: number): () => void {
  const answered = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (ws) => {
    answered.set(ws, true);
    ws.on('pong', () => answered.set(ws, true));
  });
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (!answered.get(ws)) {
        ws.terminate();
        continue;
      }
      answered.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function startNodeGateway(options: NodeServerOptions): Promise<RunningGateway> {
  const maxPayload = options.limits?.maxMessageBytes ?? defaultLimits.maxMessageBytes;
  const wss = new WebSocketServer({ noServer: true, maxPayload, handleProtocols: chooseSubprotocol });
  const app = createGateway(options, {
    upgradeWebSocket,
    clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
    widgetAssets: serveStatic({ root: WIDGET_DIST }),
    pages: options.storefrontDir ? withHeaders(serveStatic({ root: options.storefrontDir }), options.storefrontHeaders ?? {}) : undefined,
  });
  const stopHeartbeat = startHeartbeat(wss, options.heartbeatMs ?? 30_000);
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 8787,
        hostname,
        websocket: { server: wss },
        ...(options.tls ? { createServer: createHttpsServer, serverOptions: { cert: options.tls.cert, key: options.tls.key } } : {}),
      },
      (info: AddressInfo) => {
        const host = hostname.includes(':') ? `[${hostname}]` : hostname;
        resolve({
          server,
          wss,
          port: info.port,
          url: `${options.tls ? 'https' : 'http'}://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              stopHeartbeat();
              for (const client of wss.clients) client.terminate();
              server.close(() => done());
              (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
