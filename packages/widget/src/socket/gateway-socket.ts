/**
 * The protocol client over partysocket: one reconnecting socket to the
 * gateway with binary audio opted in. Backoff grows exponentially and each
 * wait gets random jitter, so a restarted gateway is not hit by every shop
 * window at once. Nothing is queued while the socket is down, so no stale
 * microphone audio is sent after a reconnect. Every attempt first gets a
 * fresh single-use token from the gateway. A page the gateway refuses, and
 * policy, flood and idle closes, stop the retries.
 */
import ReconnectingWebSocket from 'partysocket/ws';
import type { ClientEvent, ServerEvent } from '@contoso-voice/protocol';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';

/** Close codes after which retrying cannot help (policy, flood, another tab took the conversation) or would spend model time for no one (idle). */
const FINAL_CLOSES = new Set([1008, 4408, 4409, 4429]);

export interface GatewaySocketHandlers {
  onEvent(event: ServerEvent): void;
  onAudio(pcm: ArrayBuffer): void;
  onState(state: SocketState, closeCode?: number): void;
}

export interface GatewaySocket {
  send(event: ClientEvent): boolean;
  /** Sends a frame only if the socket is open right now; a frame that cannot go now is stale later. */
  sendAudio(pcm: ArrayBuffer): boolean;
  close(): void;
}

export function realtimeUrl(gateway: string, site: string): string {
  return `${new URL('/v1/realtime', gateway).href.replace(/^http/, 'ws')}?site=${encodeURIComponent(site)}&audio=binary`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `resume` gives the query that brings a dropped conversation back ('' for a new one). */
export function connectGateway(gateway: string, site: string, h: GatewaySocketHandlers, resume: () => string): GatewaySocket {
  let attempts = 0;
  const ws = new ReconnectingWebSocket(
    async () => {
      if (attempts++ > 0) await sleep(Math.random() * Math.min(3000, 300 * 2 ** attempts));
      // No content-type header: a simple request, so no preflight round trip before each connect.
      const res = await fetch(new URL('/v1/sessions', gateway), { method: 'POST', body: JSON.stringify({ site }) });
      if (res.status === 403 || res.status === 404) {
        ws.close();
        h.onState('failed', res.status);
      }
      if (!res.ok) throw Error(`token ${res.status}`);
      return `${realtimeUrl(gateway, site)}&token=${(await res.json()).token}${resume()}`;
    },
    undefined,
    {
      // maxReconnectionDelay stays at partysocket's 10 s.
      minReconnectionDelay: 500,
      reconnectionDelayGrowFactor: 1.7,
      connectionTimeout: 8000,
      maxEnqueuedMessages: 0,
      shouldReconnectOnClose: (e) => !FINAL_CLOSES.has(e.code),
    },
  );
  ws.binaryType = 'arraybuffer';
  h.onState('connecting');
  ws.addEventListener('open', () => {
    attempts = 0;
    h.onState('open');
  });
  ws.addEventListener('close', (e) => h.onState(e.code === 4408 ? 'closed' : FINAL_CLOSES.has(e.code) ? 'failed' : 'reconnecting', e.code));
  ws.addEventListener('message', (e: MessageEvent) => {
    if (typeof e.data !== 'string') return h.onAudio(e.data as ArrayBuffer);
    try {
      h.onEvent(JSON.parse(e.data) as ServerEvent);
    } catch {
      // A malformed event from the gateway would be a gateway bug; skipping it keeps the conversation going.
    }
  });
  const open = () => ws.readyState === ws.OPEN;
  return {
    send: (event) => open() && (ws.send(JSON.stringify(event)), true),
    sendAudio: (pcm) => open() && (ws.send(pcm), true),
    close: () => ws.close(1000),
  };
}
