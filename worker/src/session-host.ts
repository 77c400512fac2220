/**
 * A Durable Object per conversation, named by its session id. It holds the
 * client socket, the model socket, the replay buffer and the timers, so a
 * shopper who comes back, on whatever isolate, reaches the same session. It
 * runs the gateway's own app; the front has admitted each request already.
 */
import { createGateway } from '@contoso-voice/gateway';
import type { ErrorCode } from '@contoso-voice/protocol';
import { clientIp, gatewayConfig, type WorkerEnv } from './gateway-config.js';
import { workersUpgradeWebSocket } from './upgrade-websocket.js';
import { remoteGate } from './admission-host.js';
import { durableSessionStore } from './durable-store.js';

/** Headers only the front sets; it strips any a client sends. */
export const HOST_HEADERS = {
  session: 'x-contoso-session',
  ticket: 'x-contoso-ticket',
  refused: 'x-contoso-resume-refused',
  reroute: 'x-contoso-reroute',
} as const;

export class SessionHost {
  private app: ReturnType<typeof createGateway>;
  private store: ReturnType<typeof durableSessionStore>;

  constructor(state: DurableObjectState, env: WorkerEnv) {
    const { maxMessageBytes, local: _local, ...config } = gatewayConfig(env);
    const gate = env.ADMISSION ? remoteGate(env.ADMISSION) : null;
    this.store = durableSessionStore(state.storage);
    this.app = createGateway(
      { ...config, sessionStore: this.store },
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

  fetch(request: Request): Response | Promise<Response> {
    return this.app.fetch(request);
  }

  alarm(): Promise<void> {
    return this.store.sweep();
  }
}
