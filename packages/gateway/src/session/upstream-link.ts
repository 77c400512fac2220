/**
 * The session's line to the model service, which may drop: events wait
 * (bounded) while it connects; when it drops unasked (a fault, or the
 * service's own session cap) it is dialled again with backoff and set up
 * again, conversation included; and when it cannot be reached the session
 * stays up, says so, and tries again on the shopper's next message.
 */
import type { RealtimeClientEvent, RealtimeServerEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import type { AudioDeltaMeta, Upstream, UpstreamConnection } from '../upstream/types.js';

/** Waits before each redial after an unasked drop. */
export const REDIAL_DELAYS_MS = [0, 500, 2000];

export interface UpstreamLinkOptions {
  upstream: Upstream;
  sessionId: string;
  log: Logger;
  maxPending: number;
  onEvent(event: RealtimeServerEvent): void;
  onAudio(meta: AudioDeltaMeta, pcm: Uint8Array): void;
  /** What a fresh upstream session must be told first: the forced session.update, then the conversation so far. */
  setup(): RealtimeClientEvent[];
  /** Connected again after a drop, and set up. */
  onRestored(): void;
  /** The model session in use went away (a drop, or replaced); a new one will not know its calls or item ids. */
  onDropped?(): void;
  /** Could not connect at all this time. */
  onUnavailable(): void;
  /** Too many events waiting. */
  onOverflow(): void;
}

export function upstreamLink(o: UpstreamLinkOptions) {
  let conn: UpstreamConnection | null = null;
  // The dial whose events count: events may arrive before connect() resolves, and a replaced socket's must not.
  let current: object | null = null;
  let state: 'idle' | 'connecting' | 'open' | 'down' | 'closed' = 'idle';
  // A function, not a comparison, because close() changes the state across awaits where narrowing cannot see.
  const isClosed = () => state === 'closed';
  const pending: (() => void)[] = [];

  async function dial(delays: number[], restoring: boolean) {
    state = 'connecting';
    for (const delay of delays) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (isClosed()) return;
      const attempt = {};
      current = attempt;
      try {
        const next = await o.upstream.connect(
          {
            onEvent: (e) => current === attempt && o.onEvent(e),
            onAudio: (meta, pcm) => current === attempt && o.onAudio(meta, pcm),
            onClose: (info) => {
              if (current !== attempt || isClosed()) return;
              current = null;
              conn = null;
              // The transport's error text can quote the service; the log says only that there was one.
              o.log('upstream.close', { session: o.sessionId, code: info.code, ...(info.error ? { error: 'upstream_transport_error' } : {}) });
              o.onDropped?.();
              void dial(REDIAL_DELAYS_MS, true);
            },
          },
          o.sessionId,
        );
        if (isClosed()) return next.close();
        conn = next;
        state = 'open';
        for (const event of o.setup()) next.send(event);
        for (const action of pending.splice(0)) action();
        if (restoring) {
          o.log('upstream.restored', { session: o.sessionId });
          o.onRestored();
        }
        return;
      } catch (err) {
        o.log('upstream.unreachable', { session: o.sessionId, error: err instanceof Error ? err.message : String(err) });
      }
    }
    if (isClosed()) return;
    state = 'down';
    o.onUnavailable();
  }

  /** Callers check for an open link first and only make a closure to wait with when it is not: audio comes every 20 ms. */
  function whenOpen(action: () => void) {
    if (pending.length >= o.maxPending) return o.onOverflow();
    pending.push(action);
    // The service was unreachable: the shopper's next message is the moment to try again.
    if (state === 'down') void dial([0], true);
  }

  return {
    start: () => dial([0], false),
    /** `sent` runs once the event has gone to the service (after the set-up of a link still dialling), not before. */
    send(event: RealtimeClientEvent, sent?: () => void) {
      if (state === 'open') {
        conn!.send(event);
        return sent?.();
      }
      whenOpen(() => {
        if (!conn) return;
        conn.send(event);
        sent?.();
      });
    },
    appendAudio: (pcm: Uint8Array) => (state === 'open' ? conn!.appendAudio(pcm) : whenOpen(() => conn?.appendAudio(pcm))),
    isOpen: () => state === 'open',
    /** The model session stopped answering: it is dropped, and a new one dialled and re-seeded. */
    replace(reason: string) {
      if (state !== 'open') return;
      const c = conn;
      conn = null;
      current = null;
      o.log('upstream.replaced', { session: o.sessionId, reason });
      c?.close();
      o.onDropped?.();
      void dial(REDIAL_DELAYS_MS, true);
    },
    close() {
      state = 'closed';
      pending.length = 0;
      const c = conn;
      conn = null;
      current = null;
      c?.close();
    },
  };
}
