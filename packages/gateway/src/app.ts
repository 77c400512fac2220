/**
 * createGateway: the Hono app, on Web Standards only, so that the Node server
 * and the Cloudflare Worker run the very same code. The runtime adapter hands
 * in its upgradeWebSocket helper.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { CLOSE_CODES, type AudioDownMode } from '@contoso-voice/protocol';
import { defaultLimits, type GatewayConfig, type GatewayLimits } from './config.js';
import { silentLogger } from './log.js';
import { buildCatalogIndex, shopTools, type CatalogIndex } from './tools/index.js';
import { createSession, type Session } from './session/session.js';
import { catalogRoutes } from './routes/catalog.js';

export type { GatewayConfig, GatewayLimits } from './config.js';
export { defaultLimits } from './config.js';

export interface GatewayRuntime {
  // The helper's options type differs per runtime; the app never passes any.
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  /** Serves the built widget files (widget.js, worklets/*.js) from wherever the runtime keeps them. */
  widgetAssets?: MiddlewareHandler;
  /** Serves a shop's pages (the demo storefront) for every other GET. */
  pages?: MiddlewareHandler;
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export function createGateway(config: GatewayConfig, runtime: GatewayRuntime) {
  const limits: GatewayLimits = { ...defaultLimits, ...config.limits };
  const log = config.log ?? silentLogger;
  const catalogs = new Map<string, CatalogIndex>(
    Object.values(config.sites).map((site) => [site.id, buildCatalogIndex(site.catalog)]),
  );
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok', upstream: config.upstream.kind }));

  app.route('/v1/catalog', catalogRoutes(config.sites, catalogs));

  const inspect = config.inspectSession;
  if (inspect) {
    app.get('/v1/debug/sessions/:id', (c) => {
      const state = inspect(c.req.param('id'));
      return state ? c.json(state as object) : c.json({ error: 'not_found', message: 'No open session with that id.' }, 404);
    });
  }

  if (runtime.widgetAssets) {
    const assets = runtime.widgetAssets;
    // Any shop may load the widget; the worklets are fetched in CORS mode, so they need the header too.
    const widget: MiddlewareHandler = async (c, next) => {
      const res = (await assets(c, next)) ?? c.res;
      if (!res.ok) return res;
      const headers = new Headers(res.headers);
      headers.set('access-control-allow-origin', '*');
      headers.set('cache-control', 'public, max-age=300');
      return new Response(res.body, { status: res.status, headers });
    };
    app.get('/widget.js', widget);
    app.get('/widget.js.map', widget);
    app.get('/worklets/:file{[a-z]+\\.js}', widget);
  }

  app.get(
    '/v1/realtime',
    async (c, next) => {
      const siteId = c.req.query('site') ?? 'demo';
      if (!config.sites[siteId]) return c.json({ error: 'unknown_site', message: `no site "${siteId.slice(0, 64)}"` }, 404);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'upgrade_required', message: 'connect with a WebSocket' }, 426);
      }
      await next();
    },
    runtime.upgradeWebSocket((c) => {
      const site = config.sites[c.req.query('site') ?? 'demo']!;
      const audioDown: AudioDownMode = c.req.query('audio') === 'binary' ? 'binary' : 'json';
      let session: Session | null = null;
      return {
        onOpen(_event, ws: WSContext) {
          session = createSession({
            id: crypto.randomUUID(),
            site,
            catalog: catalogs.get(site.id)!,
            upstream: config.upstream,
            tools: config.tools ?? shopTools,
            limits,
            log,
            audioDown,
            publicOrigin: config.publicOrigin ?? new URL(c.req.url).origin,
            client: {
              sendText: (data) => ws.readyState === 1 && ws.send(data),
              sendBinary: (data) => ws.readyState === 1 && ws.send(data as Uint8Array<ArrayBuffer>),
              close: (code, reason) => ws.close(code, reason),
            },
          });
          void session.start();
        },
        onMessage(event) {
          if (!session) return;
          if (typeof event.data === 'string') return session.onText(event.data);
          const bytes = toBytes(event.data);
          if (bytes) session.onBinary(bytes);
          else session.close(CLOSE_CODES.invalidPayload, 'unsupported frame');
        },
        onClose(event) {
          session?.onClientClose(event.code);
        },
        onError() {
          session?.onClientClose(CLOSE_CODES.internalError);
        },
      };
    }),
  );

  if (runtime.pages) app.get('*', runtime.pages);

  app.onError((err, c) => {
    log('http.error', { path: c.req.path, error: err.message });
    return c.json({ error: 'internal_error', message: 'Something went wrong.' }, 500);
  });
  app.notFound((c) => c.json({ error: 'not_found', message: 'No such endpoint.' }, 404));

  return app;
}
