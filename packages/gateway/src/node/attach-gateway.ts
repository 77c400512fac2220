/**
 * The gateway inside a Node server someone else owns (an Express app, a
 * plain node:http server), under a path prefix such as `/voice`.
 *
 * Express sees only HTTP requests: a WebSocket upgrade is an event on the
 * http.Server, so this attaches the upgrade handler there, answering only
 * upgrades under the prefix and leaving any other (a dev server's HMR
 * socket) to the server's other listeners.
 */
import type { createServer as createHttpServer, IncomingMessage, ServerResponse, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { createAdaptorServer, getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebSocketServer } from 'ws';
import { createGateway } from '../app.js';
import type { GatewayConfig } from '../config.js';
import { gatewaySocketServer, nodeRuntime, startHeartbeat } from '../node.js';
import { withNodeToolFetch } from './tool-fetch.js';

export interface AttachOptions extends GatewayConfig {
  /** The path the gateway answers under, e.g. `/voice`; `''` or `/` for the root. */
  prefix?: string;
  /** How often to ping each client; one that has not answered the last ping by the next is dropped. */
  heartbeatMs?: number;
}

export interface AttachedGateway {
  /** The gateway's Hono app, already mounted at the prefix. */
  app: Hono;
  /** The normalised prefix: `/voice`, or `''` at the root. */
  prefix: string;
  /** True when a request's path is the gateway's: the prefix itself or below it. */
  owns(req: IncomingMessage): boolean;
  /**
   * A node:http request handler and Express middleware: answers the gateway's
   * requests, hands the rest to `next` (or answers 404 without one). Works at
   * the app's root (`app.use(gw.handle)`) and mounted (`app.use('/voice', gw.handle)`).
   */
  handle(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void;
  /** The WebSocket server behind `{prefix}/v1/realtime`. */
  wss: WebSocketServer;
  /** Ends every gateway socket and stops the heartbeat; the server itself is the caller's to close. */
  close(): void;
}

function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/\/+$/, '');
  if (trimmed && !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(trimmed)) throw new Error(`attachGateway: prefix must be a path like "/voice", not "${prefix}"`);
  return trimmed;
}

/** Express strips a mount path from req.url and keeps the whole one in originalUrl. */
const fullUrl = (req: IncomingMessage) => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '/';

export function attachGateway(server: HttpServer | HttpsServer, options: AttachOptions): AttachedGateway {
  const prefix = normalisePrefix(options.prefix);
  const wss = gatewaySocketServer(options);
  // HTTP tools connect only to public addresses unless the caller brought its own fetch.
  const gateway = createGateway(withNodeToolFetch(options), nodeRuntime());
  // Mounted, not rewritten: the gateway sees its own prefix in each path and writes it into the URLs it hands out.
  const app = prefix ? new Hono().route(prefix, gateway) : gateway;
  const under = (path: string) => !prefix || path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
  const owns = (req: IncomingMessage) => under(fullUrl(req));
  // Upgrades outside the prefix get a 404 from here, which @hono/node-server leaves unsent when the server has other upgrade listeners.
  const fetch = (request: Request, env: unknown) => (under(new URL(request.url).pathname) ? app.fetch(request, env) : new Response(null, { status: 404 }));
  // @hono/node-server wires its upgrade handling onto whatever server createServer returns: here, the caller's.
  createAdaptorServer({ fetch, websocket: { server: wss }, createServer: (() => server) as unknown as typeof createHttpServer });
  const listener = getRequestListener(app.fetch);
  const stopHeartbeat = startHeartbeat(wss, options.heartbeatMs ?? 30_000);

  return {
    app: app as Hono,
    prefix,
    owns,
    handle(req, res, next) {
      if (!owns(req)) {
        if (next) return next();
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', message: 'No such endpoint.' }));
        return;
      }
      req.url = fullUrl(req);
      void listener(req, res);
    },
    wss,
    close() {
      stopHeartbeat();
      for (const client of wss.clients) client.terminate();
    },
  };
}
