/**
 * GET /v1/realtime: admission before the upgrade (origin, token, limits),
 * then a session on the socket: a new one, or the one a resume token names.
 */
import type { Context, Hono } from 'hono';
import type { UpgradeWebSocket, WSContext } from 'hono/ws';
import { CLOSE_CODES, type AudioDownMode } from '@contoso-voice/protocol';
import { siteLimits, type GatewayConfig } from '../config.js';
import type { Logger } from '../log.js';
import { shopTools } from '../tools/index.js';
import type { CatalogDirectory } from '../catalog/site-catalog.js';
import type { CategoryInfo } from '../catalog/search/types.js';
import { unknownSite, type SiteLookup } from '../sites/site-lookup.js';
import type { AnyTool } from '../tools/types.js';
import { admit, type AdmissionDeps } from '../security/admission.js';
import { handshakeProblem, slotUntilOpen } from '../security/handshake.js';
import { mintResumeToken } from '../security/resume-token.js';
import { readSigned } from '../security/signed-claims.js';
import { createSession, type ClientSocket, type Session } from '../session/session.js';
import { planResume, resumeRefusal, type ResumePlan } from '../session/resume-plan.js';
import { conversationSlots } from '../session/conversation-slots.js';
import { gatewayBaseUrl } from './gateway-base.js';
import type { SessionStateStore } from '../session/state-store.js';
import type { SessionHosting } from '../session/session-hosting.js';
import { textLaneFor } from '../text-lane/session-text-lane.js';
import { countFromClient, meteredSocket } from '../metrics/traffic.js';
import type { WebhookSender } from '../webhooks/webhook-sender.js';
import { budgetRefusal, type GatewayUsage } from '../usage/gateway-usage.js';

type Admitted = { release(): void };
type Handshake = ReturnType<typeof slotUntilOpen>;
export type RealtimeVariables = { admission: Admitted; resume: ResumePlan; handshake: Handshake; tools: AnyTool[] };

export interface RealtimeDeps {
  config: GatewayConfig;
  log: Logger;
  sites: SiteLookup;
  catalogs: CatalogDirectory;
  admission: AdmissionDeps;
  store: SessionStateStore;
  /** Sessions alive in this process or isolate, attached or waiting for their client. */
  live: Map<string, Session>;
  upgradeWebSocket: UpgradeWebSocket<any, any>;
  clientIp(c: Context): string;
  /** Calls `fn` when the request's connection closes, where the runtime can tell (Node). */
  onConnectionClosed?(c: Context, fn: () => void): void;
  hosting?: SessionHosting;
  /** Sends finished conversations to their sites' webhooks. */
  webhooks?: WebhookSender;
  /** Prices and budgets; without it, nothing is metered. */
  usage?: GatewayUsage;
}

/** Closes by which a client broke the protocol: the conversation ends, it does not wait for the client to come back. */
const PROTOCOL_VIOLATIONS = new Set([1002, 1003, 1007, 1008, 1009, 1010]);

function bearerToken(c: Context): string | undefined {
  return c.req.query('token') ?? c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
}

/**
 * The site a request is for: `?site=`, else the site its token names (read
 * unchecked, only to pick the site; admission checks the token for it), so a
 * standard SDK that cannot add query parameters reaches any site.
 */
function requestedSite(c: Context): string | undefined {
  const named = c.req.query('site');
  if (named !== undefined) return named;
  const token = bearerToken(c);
  const site = token ? readSigned<{ site?: unknown }>('v1', token)?.claims.site : undefined;
  return typeof site === 'string' ? site : undefined;
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

function clientSocket(ws: WSContext): ClientSocket {
  return {
    sendText: (data) => ws.readyState === 1 && ws.send(data),
    sendBinary: (data) => ws.readyState === 1 && ws.send(data as Uint8Array<ArrayBuffer>),
    // A client that stops reading would never read a close frame queued behind its backlog either.
    close: (code, reason) => (code === CLOSE_CODES.clientTooSlow ? terminate(ws, code, reason) : ws.close(code, reason)),
    bufferedAmount: () => (ws.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount,
  };
}

const REALTIME_PATH = '/v1/realtime';

export function mountRealtime(app: Hono<{ Variables: RealtimeVariables }>, d: RealtimeDeps) {
  const { config, log } = d;
  const slots = conversationSlots(d.live, log);

  app.get(
    REALTIME_PATH,
    async (c, next) => {
      const siteId = requestedSite(c);
      const site = d.sites.get(siteId);
      if (!site) return c.json(unknownSite(siteId), 404);
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.json({ error: 'upgrade_required', message: 'connect with a WebSocket' }, 426);
      }
      const badHandshake = handshakeProblem((name) => c.req.header(name));
      if (badHandshake) {
        c.header('x-gateway-error', 'handshake_invalid');
        return c.json({ error: 'handshake_invalid', message: badHandshake }, 400);
      }
      const origin = c.req.header('origin');
      const hosting = d.hosting;
      let admitted: Admitted | null = hosting?.admittedByFront?.(c) ?? null;
      if (!admitted) {
        // A site at its cap takes no token and no slot.
        const overBudget = d.usage && (await budgetRefusal(c, d.usage, site, log, 'socket'));
        if (overBudget) return overBudget;
        const result = await admit(d.admission, { site, limits: siteLimits(config, site), origin, token: bearerToken(c), ip: d.clientIp(c) });
        if (!result.ok) {
          log('session.refused', { site: site.id, code: result.refusal.code, status: result.refusal.status });
          // Node's upgrade path sends the status and headers of a refusal but not its body; the header carries the code there.
          c.header('x-gateway-error', result.refusal.code);
          return c.json({ error: result.refusal.code, message: result.refusal.message }, result.refusal.status);
        }
        if (hosting?.forward) return hosting.forward(c, result.ticket);
        admitted = result;
      }
      const slot = admitted;
      // From here the slot is held: any throw before the socket opens must give it back, or it leaks for good.
      let plan: ResumePlan;
      let categories: CategoryInfo[];
      try {
        const refusedOnTheWay = hosting?.refusedResume?.(c);
        plan = refusedOnTheWay
          ? resumeRefusal(refusedOnTheWay)
          : await planResume(
              { token: c.req.query('resume'), lastSeq: c.req.query('last_seq'), audioAfter: c.req.query('audio_after'), site: site.id, origin: origin ?? null },
              { secret: config.security.tokenSecret, live: d.live, store: d.store, maxReseeds: siteLimits(config, site).maxReseedsPerConversation },
            );
        // The slot goes with the request to the host it is rerouted to, so it is not given back here.
        if (plan.kind === 'new' && plan.refused && !refusedOnTheWay && hosting?.rerouteRefusedResume) return hosting.rerouteRefusedResume(plan.refused.code);
        // The tools name the site's categories as they are now. A catalog that cannot say degrades the search tool's hint, not the session.
        categories = config.tools
          ? []
          : await d.catalogs.catalog(site.id)!.categories().catch((err: unknown) => {
              log('catalog.unavailable', { site: site.id, code: 'catalog_unavailable', reason: (err as Error).message?.slice(0, 200) });
              return [];
            });
      } catch (err) {
        slot.release();
        throw err;
      }
      c.set('admission', slot);
      c.set('resume', plan);
      c.set('tools', config.tools ?? shopTools(site, categories, { clientTimeoutMs: siteLimits(config, site).clientToolTimeoutMs, http: config.httpTools, log }));
      c.set('handshake', slotUntilOpen(() => slot.release(), d.onConnectionClosed && ((fn) => d.onConnectionClosed!(c, fn))));
      await next();
    },
    d.upgradeWebSocket((c: Context<{ Variables: RealtimeVariables }>) => {
      const site = d.sites.get(requestedSite(c))!;
      const limits = siteLimits(config, site);
      const admitted = c.get('admission');
      const plan = c.get('resume');
      const origin = c.req.header('origin') ?? null;
      const audioDown: AudioDownMode = c.req.query('audio') === 'binary' ? 'binary' : 'json';
      // The site's relay counters (metrics/traffic.ts), or none without metrics.
      const traffic = config.metrics?.traffic(site.id);
      let session: Session | null = null;
      let socket: ClientSocket | null = null;
      let brokeProtocol = false;
      return {
        onOpen(_event, ws: WSContext) {
          c.get('handshake').opened();
          socket = meteredSocket(clientSocket(ws), traffic);
          if (plan.kind === 'reattach' && d.live.get(plan.session.id) === plan.session) {
            session = plan.session;
            // One slot per conversation: this socket's takes over from the one it replaces.
            slots.hold(session, admitted.release);
            void session.reattach(socket, plan.position);
            return;
          }
          const from = plan.kind === 'reseed' && !d.live.has(plan.record.sessionId) ? plan.record : undefined;
          const id = from?.sessionId ?? d.hosting?.sessionId?.(c) ?? crypto.randomUUID();
          const created = createSession({
            id,
            site,
            origin,
            catalog: d.catalogs.catalog(site.id)!,
            upstream: config.upstream,
            tools: c.get('tools'),
            limits,
            log,
            audioDown,
            publicOrigin: gatewayBaseUrl(config.publicOrigin, c.req.url, REALTIME_PATH),
            client: socket,
            store: d.store,
            from,
            resumeToken: (gen) =>
              mintResumeToken(config.security.tokenSecret, { sid: id, site: site.id, origin, gen, exp: Math.floor((Date.now() + limits.reseedWindowMs) / 1000) }),
            conversationEnded: (ended) => d.webhooks?.conversationEnded(site, ended),
            usage: d.usage,
            textLane: textLaneFor(config, site, d.usage),
            onEnd: () => {
              slots.ended(created);
              if (d.live.get(id) === created) d.live.delete(id);
            },
          });
          session = created;
          slots.hold(created, admitted.release);
          d.live.set(id, created);
          void created.start(plan.kind === 'new' ? plan.refused : undefined);
        },
        onMessage(event) {
          countFromClient(traffic, event.data);
          if (!session || !socket || !session.isCurrent(socket)) return;
          if (typeof event.data === 'string') return session.onText(event.data);
          const bytes = toBytes(event.data);
          if (bytes) session.onBinary(bytes);
          else session.end(CLOSE_CODES.invalidPayload, 'unsupported frame');
        },
        // A conversation keeps its slot while it waits for its client: a waiting one counts against the limits too.
        onClose(event) {
          if (!session || !socket) return admitted.release();
          session.onClientClose(event.code, socket, brokeProtocol || PROTOCOL_VIOLATIONS.has(event.code));
          slots.boundWaiting(limits.maxDetachedSessions);
        },
        // Both runtimes follow an error with a close. workerd reports a dropped network as an error too, so an error alone
        // is not a violation; one of the ws library's protocol errors (WS_ERR_*, Node) is, though its close then says 1006.
        onError(event) {
          const code = (event as { error?: { code?: unknown } } | undefined)?.error?.code;
          if (typeof code === 'string' && code.startsWith('WS_ERR_')) brokeProtocol = true;
          if (!session || !socket) admitted.release();
        },
      };
    }),
  );
}
