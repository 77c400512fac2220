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
import type { IncomingMessage } from 'node:http';
import { createGateway, type GatewayRuntime } from './app.js';
import { defaultLimits, type GatewayConfig } from './config.js';
import { withNodeToolFetch } from './node/tool-fetch.js';
import { capConnections, defaultConnectionLimits, serverTimeoutOptions, type ConnectionLimits } from './node-connections.js';

export { attachGateway, type AttachOptions, type AttachedGateway } from './node/attach-gateway.js';
/** For a retailer's own Node server: `httpTools: nodeHttpToolRuntime(process.env)` in its GatewayConfig. */
export { nodeHttpToolRuntime, nodeToolFetch } from './node/tool-fetch.js';
/** Prometheus metrics for a retailer's own Node server: `metrics: nodeMetrics({ sites, token })` in its GatewayConfig, or listenForMetrics for a port of its own. */
export { nodeMetrics, type NodeMetrics } from './metrics/prom-registry.js';
export { listenForMetrics, type MetricsListener } from './metrics/node-listener.js';

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
  /** Caps and timeouts for TCP connections, over the defaults (node-connections.ts). */
  connections?: Partial<ConnectionLimits>;
}

/** Another address for the same gateway: same sessions, same limits, same spent tokens. */
export interface ExtraListener {
  port: number;
  hostname?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export interface Listener {
  server: ServerType;
  /** Base URL, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface RunningGateway extends Listener {
  wss: WebSocketServer;
  /** Serves this same gateway (one state, one set of limits) on another port too, e.g. a development TLS one. */
  listenAlso(extra: ExtraListener): Promise<Listener>;
}

/** Picks `realtime` when a client offers it, so browsers and the openai client's subprotocol checks pass. */
export function chooseSubprotocol(offered: Set<string>): string | false {
  return offered.has('realtime') ? 'realtime' : false;
}

function withHeaders(serve: MiddlewareHandler, headers: Record<string, string>): MiddlewareHandler {
  return async (c, next) => {
    const res = await serve(c, next);
    // No such page: serveStatic handed on to next(), and the gateway's own 404 has answered (what it returns then is not a Response).
    if (!(res instanceof Response)) return;
    for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
    return res;
  };
}

/** Pings every client; a dead peer (a phone that lost its network) is closed instead of held open. */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number): () => void {
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

/** The WebSocket server every Node listener of one gateway shares: no server of its own, the gateway's message cap. */
export function gatewaySocketServer(config: GatewayConfig): WebSocketServer {
  const maxPayload = config.limits?.maxMessageBytes ?? defaultLimits.maxMessageBytes;
  return new WebSocketServer({ noServer: true, maxPayload, handleProtocols: chooseSubprotocol });
}

/** What createGateway needs from Node: @hono/node-server's upgrade helper, the client address, the widget files. */
export function nodeRuntime(extra: Pick<GatewayRuntime, 'pages'> = {}): GatewayRuntime {
  return {
    upgradeWebSocket,
    clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown',
    // An upgrade that never completes (the client left mid-handshake) gives its session slot back when its connection closes.
    onConnectionClosed: (c, fn) => {
      const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
      // It may have closed already, while admission awaited: then 'close' has been and gone.
      if (!socket || socket.destroyed) return fn();
      socket.once('close', fn);
    },
    widgetAssets: serveStatic({ root: WIDGET_DIST }),
    ...extra,
  };
}

export function startNodeGateway(given: NodeServerOptions): Promise<RunningGateway> {
  // HTTP tools connect only to public addresses unless the caller brought its own fetch.
  const options = withNodeToolFetch(given);
  const wss = gatewaySocketServer(options);
  const app = createGateway(
    options,
    nodeRuntime({ pages: options.storefrontDir ? withHeaders(serveStatic({ root: options.storefrontDir }), options.storefrontHeaders ?? {}) : undefined }),
  );
  const stopHeartbeat = startHeartbeat(wss, options.heartbeatMs ?? 30_000);
  const connections = { ...defaultConnectionLimits(), ...options.connections };
  const listeners: Listener[] = [];

  function listen(l: ExtraListener): Promise<Listener> {
    const hostname = l.hostname ?? '127.0.0.1';
    const timeouts = serverTimeoutOptions(connections);
    return new Promise((resolve, reject) => {
      const server = serve(
        {
          fetch: app.fetch,
          port: l.port,
          hostname,
          // One WebSocketServer for every listener; each server adds its own upgrade handler to it.
          websocket: { server: wss },
          ...(l.tls
            ? { createServer: createHttpsServer, serverOptions: { cert: l.tls.cert, key: l.tls.key, ...timeouts } }
            : { serverOptions: timeouts }),
        },
        (info: AddressInfo) => {
          const host = hostname.includes(':') ? `[${hostname}]` : hostname;
          const listener: Listener = {
            server,
            port: info.port,
            url: `${l.tls ? 'https' : 'http'}://${host}:${info.port}`,
            close: () =>
              new Promise<void>((done) => {
                server.close(() => done());
                (server as { closeAllConnections?: () => void }).closeAllConnections?.();
              }),
          };
          listeners.push(listener);
          resolve(listener);
        },
      );
      capConnections(server as import('node:http').Server, connections, !!l.tls);
      server.once('error', reject);
    });
  }

  return listen({ port: options.port ?? 8787, hostname: options.hostname, tls: options.tls }).then((first) => ({
    ...first,
    wss,
    listenAlso: listen,
    async close() {
      stopHeartbeat();
      for (const client of wss.clients) client.terminate();
      await Promise.all(listeners.map((l) => l.close()));
    },
  }));
}
