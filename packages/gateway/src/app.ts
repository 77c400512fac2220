/**
 * createGateway: the Hono app, on Web Standards only, so that the Node server
 * and the Cloudflare Worker run the very same code. The runtime adapter hands
 * in its upgradeWebSocket helper.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { CLOSE_CODES, type AudioDownMode } from '@contoso-voice/protocol';
import { siteLimits, type GatewayConfig } from './config.js';
import { silentLogger } from './log.js';
import { buildCatalogIndex, shopTools, type CatalogIndex } from './tools/index.js';
import { createSession, type Session } from './session/session.js';
import { catalogRoutes } from './routes/catalog.js';
import { sessionRoutes } from './routes/sessions.js';
import { admit, type AdmissionResult } from './security/admission.js';
import { admissionCounters } from './security/admission-counters.js';
import { singleUseGuard } from './security/single-use.js';

export type { GatewayConfig, GatewayLimits } from './config.js';
export { defaultLimits } from './config.js';

export interface GatewayRuntime {
  // The helper's options type differs per runtime; the app never passes any.
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  /** Serves the built widget files (widget.js, worklets/*.js) from wherever the runtime keeps them. */
  widgetAssets?: MiddlewareHandler;
  /** Serves a shop's pages (the demo storefront) for every other GET. */
  pages?: MiddlewareHandler;
  /** The client's address, for per-address limits. */
  clientIp(c: Context): string;
}

function bearerToken(c: Context): string | undefined {
  return c.req.query('token') ?? c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

function terminate(ws: WSContext, code: number, reason: string) {
  const raw = ws.raw as { terminate?: () => void } | undefined;
  if (raw?.terminate) raw.terminate();
  else ws.close(code, reason);
}

export function createGateway(config: GatewayConfig, runtime: GatewayRuntime) {
  const log = config.log ?? silentLogger;
  if (!config.security.tokenSecret) throw new Error('config.security.tokenSecret is required to sign session tokens');
  const admission = { config, counters: admissionCounters(), spent: singleUseGuard() };
  const catalogs = new Map<string, CatalogIndex>(
    Object.values(config.sites).map((site) => [site.id, buildCatalogIndex(site.catalog)]),
  );
  const app = new Hono<{ Variables: { admission: Extract<AdmissionResult, { ok: true }> } }>();

  // Open sessions are per process or isolate: enough for an operator's dashboard and for leak checks.
  app.get('/healthz', (c) => c.json({ status: 'ok', upstream: config.upstream.kind, sessions: admission.counters.stats().open }));

  app.route('/v1/catalog', catalogRoutes(config.sites, catalogs));
  app.route('/v1/sessions', sessionRoutes(config, log));

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
      const site = config.sites[siteId];
      if (!site) return c.json({ error: 'unknown_site', message: `no site "${siteId.slice(0, 64)}"` }, 404);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'upgrade_required', message: 'connect with a WebSocket' }, 426);
      }
      const ip = runtime.clientIp(c);
      const result = await admit(admission, { site, limits: siteLimits(config, site), origin: c.req.header('origin'), token: bearerToken(c), ip });
      if (!result.ok) {
        log('session.refused', { site: site.id, code: result.refusal.code, status: result.refusal.status });
        // Node's upgrade path sends the status and headers of a refusal but not its body; the header carries the code there.
        c.header('x-gateway-error', result.refusal.code);
        return c.json({ error: result.refusal.code, message: result.refusal.message }, result.refusal.status);
      }
      c.set('admission', result);
      await next();
    },
    runtime.upgradeWebSocket((c) => {
      const site = config.sites[c.req.query('site') ?? 'demo']!;
      const admitted = c.get('admission');
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
            limits: siteLimits(config, site),
            log,
            audioDown,
            publicOrigin: config.publicOrigin ?? new URL(c.req.url).origin,
            client: {
              sendText: (data) => ws.readyState === 1 && ws.send(data),
              sendBinary: (data) => ws.readyState === 1 && ws.send(data as Uint8Array<ArrayBuffer>),
              // A client that stops reading would never read a close frame queued behind its backlog either.
              close: (code, reason) => (code === CLOSE_CODES.clientTooSlow ? terminate(ws, code, reason) : ws.close(code, reason)),
              bufferedAmount: () => (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount,
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
          admitted.release();
          session?.onClientClose(event.code);
        },
        onError() {
          admitted.release();
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
