/**
 * A Durable Object per conversation, named by its session id. It holds the
 * client socket, the model socket, the replay buffer and the timers, so a
 * shopper who comes back, on whatever isolate, reaches the same session. It
 * runs the gateway's own app; the front has admitted each request already.
 */
import { createGateway } from '@contoso-voice/gateway';
import type { ErrorCode } from '@contoso-voice/protocol';
import { clientIp, gatewayConfig, workerLog, type WorkerEnv } from './gateway-config.js';
import { workersUpgradeWebSocket } from './upgrade-websocket.js';
import { remoteGate } from './admission-host.js';
import { durableSessionStore } from './durable-store.js';
import { servedSites, type ServedSites } from './served-sites.js';

/** Headers only the front sets; it strips any a client sends. */
export const HOST_HEADERS = {
  session: 'x-contoso-session',
  ticket: 'x-contoso-ticket',
  refused: 'x-contoso-resume-refused',
  reroute: 'x-contoso-reroute',
  /** The set of sites the front admitted with (ServedSites.key). */
  sites: 'x-contoso-sites',
} as const;

export class SessionHost {
  private app: ReturnType<typeof createGateway> | null = null;
  private store: ReturnType<typeof durableSessionStore>;

  constructor(
    private state: DurableObjectState,
    private env: WorkerEnv,
  ) {
    this.store = durableSessionStore(state.storage);
  }

  /**
   * Built on the first request, once the sites are read: a conversation keeps
   * the sites it started with, and its app holds the live session, so it is
   * never rebuilt.
   */
  private build(served: ServedSites): ReturnType<typeof createGateway> {
    const env = this.env;
    const { maxMessageBytes, local: _local, ...config } = gatewayConfig(env, served);
    const gate = env.ADMISSION ? remoteGate(env.ADMISSION) : null;
    return createGateway(
      // A conversation's webhook is delivered from its own object, after its socket is gone; see docs/WEBHOOKS.md on retries here.
      { ...config, sessionStore: this.store, webhooks: { keepAlive: (work) => this.state.waitUntil?.(work) } },
      {
        upgradeWebSocket: workersUpgradeWebSocket(maxMessageBytes),
        clientIp,
        hosting: {
          admittedByFront: (c) => {
            const ticket = c.req.header(HOST_HEADERS.ticket);
            return ticket ? { release: () => void gate?.leave(ticket) } : null;
          },
          sessionId: (c) => c.req.header(HOST_HEADERS.session),
          refusedResume: (c) => c.req.header(HOST_HEADERS.refused) as ErrorCode | undefined,
          rerouteRefusedResume: (code) => new Response(null, { status: 409, headers: { [HOST_HEADERS.reroute]: code } }),
        },
      },
    );
  }

  async fetch(request: Request): Promise<Response> {
    const expected = request.headers.get(HOST_HEADERS.sites) ?? undefined;
    this.app ??= await this.state.blockConcurrencyWhile(async () => this.app ?? this.build(await servedSites(this.env, workerLog, expected)));
    return this.app.fetch(request);
  }

  alarm(): Promise<void> {
    return this.store.sweep();
  }
}
