/**
 * The gateway as a Cloudflare Worker: the same createGateway app as the Node
 * server, given a Workers WebSocket upgrade, an upstream dialled with fetch,
 * and the widget files from the static-assets binding. The Worker is the
 * front: it serves everything but the sessions, admits each socket, and
 * forwards it to the Durable Object that holds that conversation.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createGateway } from '@contoso-voice/gateway';
import { readSigned } from '@contoso-voice/gateway/signed-claims';
import { clientIp, gatewayConfig, workerLog, type WorkerEnv } from './gateway-config.js';
import { workersUpgradeWebSocket } from './upgrade-websocket.js';
import { remoteGate } from './admission-host.js';
import { HOST_HEADERS } from './session-host.js';
import { servedSites, type ServedSites } from './served-sites.js';
import { flushWorkerMetrics } from './worker-metrics.js';

export { SessionHost } from './session-host.js';
export { AdmissionHost } from './admission-host.js';
export { CatalogHost } from './catalog-host.js';
export { BudgetHost } from './budget-host.js';
export { MetricsHost } from './metrics-host.js';
export type { WorkerEnv } from './gateway-config.js';

type Gateway = ReturnType<typeof createGateway>;

/** The session a resume token names, read without checking it: only to find its host, which checks it. */
function resumedSession(c: Context): string | null {
  const token = c.req.query('resume');
  const sid = token ? readSigned<{ sid?: unknown }>('r1', token)?.claims.sid : null;
  return typeof sid === 'string' && sid.length <= 100 ? sid : null;
}

function forwardTo(sessions: DurableObjectNamespace, c: Context, sid: string, headers: Record<string, string>) {
  const forwarded = new Headers(c.req.raw.headers);
  for (const name of Object.values(HOST_HEADERS)) forwarded.delete(name);
  forwarded.set(HOST_HEADERS.session, sid);
  for (const [name, value] of Object.entries(headers)) forwarded.set(name, value);
  return sessions.get(sessions.idFromName(sid)).fetch(new Request(c.req.raw, { headers: forwarded }));
}

function buildGateway(env: WorkerEnv, served: ServedSites): Gateway {
  const { maxMessageBytes, local: _local, ...config } = gatewayConfig(env, served);
  const assets = env.ASSETS;
  const widgetAssets: MiddlewareHandler | undefined = assets ? async (c) => assets.fetch(c.req.raw) : undefined;
  const sessions = env.SESSIONS;
  const gate = env.ADMISSION ? remoteGate(env.ADMISSION) : undefined;
  return createGateway(config, {
    upgradeWebSocket: workersUpgradeWebSocket(maxMessageBytes),
    widgetAssets,
    clientIp,
    // Without the Durable Object bindings (an older wrangler.toml), sessions live in the isolate, as before: no resume.
    hosting: sessions
      ? {
          gate,
          async forward(c, ticket) {
            // The host reads the sites this front admitted the socket with, not an older copy of its own.
            const admitted = { [HOST_HEADERS.ticket]: ticket, [HOST_HEADERS.sites]: served.key };
            try {
              const first = await forwardTo(sessions, c, resumedSession(c) ?? crypto.randomUUID(), admitted);
              const refused = first.headers.get(HOST_HEADERS.reroute);
              // The host could not honour the resume: a new conversation on a host of its own, told why.
              return refused ? await forwardTo(sessions, c, crypto.randomUUID(), { ...admitted, [HOST_HEADERS.refused]: refused }) : first;
            } catch (err) {
              // A host that could not be reached holds no socket: the slot would otherwise be taken for good.
              void gate?.leave(ticket);
              throw err;
            }
          },
          forwardInspect: (c, sid) => forwardTo(sessions, c, sid, { [HOST_HEADERS.sites]: served.key }),
        }
      : undefined,
  });
}

// One isolate serves many requests, all with the same env; the app is built again only for a new upload.
// A request in flight keeps the app it started with.
let gateway: { key: string; app: Gateway } | null = null;

export default {
  async fetch(request: Request, env: WorkerEnv, ctx?: { waitUntil(work: Promise<unknown>): void }): Promise<Response> {
    const served = await servedSites(env, workerLog);
    if (gateway?.key !== served.key) gateway = { key: served.key, app: buildGateway(env, served) };
    const response = await gateway.app.fetch(request, env);
    // What this request counted (a refused token, a refused socket) goes to the metrics host before the isolate may sleep.
    ctx?.waitUntil(flushWorkerMetrics());
    return response;
  },
};
