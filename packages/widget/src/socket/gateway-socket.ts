/**
 * The protocol client over partysocket: one reconnecting socket to the
 * gateway with binary audio opted in. Backoff grows exponentially and each
 * wait gets random jitter, so a restarted gateway is not hit by every shop
 * window at once. Nothing is queued while the socket is down, so no stale
 * microphone audio is sent after a reconnect. Every attempt first gets a
 * fresh single-use token (session-token.ts). A page the gateway refuses,
 * a page that cannot supply tokens several times in a row, and policy,
 * flood and idle closes, stop the retries.
 */
import ReconnectingWebSocket from 'partysocket/ws';
import type { ClientEvent, ServerEvent } from '@contoso-voice/protocol';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'failed' | 'closed';

/** Close codes after which retrying cannot help (policy, flood, another tab took the conversation, the shop's budget is spent) or would spend model time for no one (idle). */
const FINAL_CLOSES = new Set([1008, 4402, 4408, 4409, 4429]);

/**
 * Attempts in a row that failed for a reason of the page's, not the network's, before the widget stops trying until
 * the shopper asks again: the page's getToken threw, hung or gave no token, or a gateway that answers HTTP turned the
 * upgrade down (a token it refuses: the browser hides the 401/403 of a refused upgrade).
 */
const STRIKES = 4;

export interface GatewaySocketHandlers {
  onEvent(event: ServerEvent): void;
  onAudio(pcm: ArrayBuffer): void;
  /** `why`: the notice for a state that is not plain: the page gave no token, or the gateway refuses this page. */
  onState(state: SocketState, why?: 'token' | 'failed' | 'unavailable'): void;
}

export interface GatewaySocket {
  send(event: ClientEvent): boolean;
  /** Sends a frame only if the socket is open right now; a frame that cannot go now is stale later. */
  sendAudio(pcm: ArrayBuffer): boolean;
  close(): void;
}

/** `base` is a normalised gateway URL (gateway-url.ts); the socket keeps its path. */
export const realtimeUrl = (base: string, site: string) => `${base.replace(/^http/, 'ws')}/v1/realtime?site=${encodeURIComponent(site)}&audio=binary`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `token` gives each attempt's session token (session-token.ts); `resume` the query that brings a dropped conversation back ('' for a new one). */
export function connectGateway(base: string, site: string, h: GatewaySocketHandlers, token: () => Promise<string>, resume: () => string): GatewaySocket {
  // Attempts since the socket was last open: 0 while it is open, so a close with attempts > 0 is of an upgrade that failed.
  let attempts = 0;
  let strikes = 0;
  // Why the current attempt could not get a token, or why the socket was stopped ('' while neither):
  // partysocket reports a close of its own then, which must not overwrite the state already reported.
  let why = '';
  const stop = (reason?: 'token' | 'failed' | 'unavailable') => {
    why = reason || 'closed';
    ws.close(1000);
    if (reason) h.onState('failed', reason);
  };
  const ws = new ReconnectingWebSocket(
    async () => {
      if (attempts++) await sleep(Math.random() * Math.min(3000, 300 * 2 ** attempts));
      // Stopped while this attempt waited (given up, or closed): ask for no token; partysocket then opens nothing.
      if (!ws.shouldReconnect) return '';
      try {
        const url = `${realtimeUrl(base, site)}&token=${await token()}${resume()}`;
        why = '';
        return url;
      } catch (err) {
        const reason = (why = (err as Error).message);
        if (reason == 'failed' || reason == 'unavailable' || (reason == 'token' && ++strikes >= STRIKES)) stop(reason);
        else h.onState('reconnecting', reason == 'token' ? reason : undefined);
        throw err;
      }
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
    attempts = strikes = 0;
    h.onState('open');
  });
  ws.addEventListener('close', (e) => {
    if (why) return;
    // An upgrade that failed with a fresh token while the gateway answers HTTP was refused (a bad token, another origin).
    if (attempts) void fetch(`${base}/healthz`, { mode: 'no-cors' }).then(() => ++strikes >= STRIKES && stop('failed'), () => {});
    // Idle and a spent budget end politely (the assistant said goodbye): closed, not failed; the next question starts afresh.
    h.onState(e.code === 4408 || e.code === 4402 ? 'closed' : FINAL_CLOSES.has(e.code) ? 'failed' : 'reconnecting');
  });
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
    close: () => stop(),
  };
}
