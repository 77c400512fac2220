/**
 * createGateway: the Hono app, on Web Standards only, so that the Node server
 * and the Cloudflare Worker run the very same code. The runtime adapter hands
 * in its upgradeWebSocket helper.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { GatewayConfig } from './config.js';
import { silentLogger } from './log.js';
import { catalogRoutes } from './routes/catalog.js';
import { sessionRoutes } from './routes/sessions.js';
import { mountRealtime, type RealtimeVariables } from './routes/realtime.js';
import { memorySessionStore } from './session/state-store.js';
import type { Session } from './session/session.js';
import { localGate } from './security/admission-gate.js';
import type { SessionHosting } from './session/session-hosting.js';
import { siteLookup } from './sites/site-lookup.js';
import type { CatalogStatus } from './catalog/site-catalog.js';
import { securityHeaders } from './security/response-headers.js';
import { instrumented } from './metrics/instrumented.js';
import { metricsRoute } from './metrics/route.js';
import { webhookSender } from './webhooks/webhook-sender.js';
import { gatewayUsage } from './usage/gateway-usage.js';

export type { GatewayConfig, GatewayLimits } from './config.js';
export { defaultLimits } from './config.js';
export { httpToolRuntimeFromEnv } from './tools/http-tool.js';

export interface GatewayRuntime {
  // The helper's options type differs per runtime; the app never passes any.
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  /** Serves the built widget files (widget.js, chunks/*.js, worklets/*.js) from wherever the runtime keeps them. */
  widgetAssets?: MiddlewareHandler;
  /** Serves a shop's pages (the demo storefront) for every other GET. */
  pages?: MiddlewareHandler;
  /** The client's address, for per-address limits. */
  clientIp(c: Context): string;
  /** Calls `fn` when the request's connection closes, where the runtime can tell; an aborted upgrade gives its slot back then. */
  onConnectionClosed?(c: Context, fn: () => void): void;
  /** Where sessions live when it is not this process: a Worker's Durable Objects. */
  hosting?: SessionHosting;
}

/**
 * A catalog's health as anyone may see it: counts and times, and whether the
 * last read failed. Why it failed can name the operator's hosts or paths, so
 * that is in the catalog.refresh_failed log line, not here.
 */
function publicStatus(status: CatalogStatus | undefined) {
  if (!status) return null;
  const { lastError, ...counts } = status;
  return { ...counts, failing: lastError !== undefined };
}

export function createGateway(given: GatewayConfig, runtime: GatewayRuntime) {
  // With metrics, the logger and the upstream are the counted ones everywhere below.
  const config = instrumented(given);
  const log = config.log ?? silentLogger;
  if (!config.security.tokenSecret) throw new Error('config.security.tokenSecret is required to sign session tokens');
  const admission = { config, gate: runtime.hosting?.gate ?? localGate(config.spentTokens) };
  const sites = siteLookup(config.sites);
  const catalogs = config.catalogs;
  const uncatalogued = config.sites.filter((s) => !catalogs.catalog(s.id)).map((s) => s.id);
  if (uncatalogued.length) throw new Error(`config.catalogs has no catalog for site ${uncatalogued.join(', ')}`);
  const app = new Hono<{ Variables: RealtimeVariables }>();
  app.use('*', securityHeaders);

  const live = new Map<string, Session>();
  // Counts are per process or isolate: enough for an operator's dashboard and for leak checks.
  // `sessions`: open sockets; `conversations`: sessions alive, attached or waiting for their client to come back.
  app.get('/healthz', async (c) =>
    c.json({
      status: 'ok',
      upstream: config.upstream.kind,
      sessions: await admission.gate.open(),
      conversations: live.size,
      sites: Object.fromEntries(await Promise.all(config.sites.map(async (s) => [s.id, publicStatus(await catalogs.status(s.id))] as const))),
    }),
  );

  // Only with a token; without one, a 404 that says how, before any shop pages' catch-all can answer it.
  const metrics = config.metrics;
  if (metrics?.token) app.get('/metrics', metricsRoute({ ...metrics, token: metrics.token }));
  else app.get('/metrics', (c) => c.json({ error: 'not_found', message: 'GET /metrics is not served on this port: set METRICS_TOKEN to serve it here with a bearer token.' }, 404));

  app.route('/v1/catalog', catalogRoutes(sites, catalogs));
  const usage = gatewayUsage(config.usage, config.sites, log);
  app.route('/v1/sessions', sessionRoutes(config, sites, log, runtime.clientIp, usage));

  const inspect = config.inspectSession;
  const forwardInspect = runtime.hosting?.forwardInspect;
  if (inspect && forwardInspect) {
    app.get('/v1/debug/sessions/:id', (c) => forwardInspect(c, c.req.param('id')));
  } else if (inspect) {
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
    // The app chunks the loader import()s: chunks/app.js and its hashed, lazily loaded parts.
    app.get('/chunks/:file{[A-Za-z0-9_-]+\\.js}', widget);
  }

  mountRealtime(app, {
    config,
    log,
    sites,
    catalogs,
    admission,
    store: config.sessionStore ?? memorySessionStore(),
    live,
    upgradeWebSocket: runtime.upgradeWebSocket,
    clientIp: runtime.clientIp,
    onConnectionClosed: runtime.onConnectionClosed,
    hosting: runtime.hosting,
    webhooks: webhookSender(config.httpTools, log, config.webhooks),
    usage,
  });

  if (runtime.pages) app.get('*', runtime.pages);

  app.onError((err, c) => {
    log('http.error', { path: c.req.path, error: err.message });
    return c.json({ error: 'internal_error', message: 'Something went wrong.' }, 500);
  });
  app.notFound((c) => c.json({ error: 'not_found', message: 'No such endpoint.' }, 404));

  return app;
}
