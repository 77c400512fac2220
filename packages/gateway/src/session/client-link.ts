/**
 * The session's line to its client, which may come and go: while a socket is
 * attached, frames go out as they are made; while none is, they are only
 * kept. Every JSON event but the greeting (session.created, gateway.session) carries `seq`, so a client that
 * comes back says where it got to and is sent the rest, once and in order.
 */
import type { ClientSocket } from './session.js';
import { replayBuffer, type ReplayBounds, type ReplayPosition } from './replay-buffer.js';

export function clientLink(first: ClientSocket, bounds: ReplayBounds) {
  let socket: ClientSocket | null = first;
  const sent = replayBuffer(bounds);

  return {
    attached: () => socket !== null,
    /** Whether this socket is the one attached now (a superseded one is not). */
    isCurrent: (candidate: ClientSocket) => socket === candidate,
    /** A numbered event: kept for replay, and sent if a client is there. */
    sendEvent(json: string) {
      const numbered = sent.pushEvent(json);
      socket?.sendText(numbered);
    },
    /** An unnumbered control message for this socket only (gateway.session). */
    sendControl(json: string) {
      socket?.sendText(json);
    },
    sendAudio(pcm: Uint8Array) {
      sent.pushAudio(pcm);
      socket?.sendBinary(pcm);
    },
    bufferedAmount: () => socket?.bufferedAmount(),
    close(code: number, reason: string) {
      socket?.close(code, reason);
      socket = null;
      sent.setAttached(false);
    },
    detach() {
      socket = null;
      sent.setAttached(false);
    },
    /**
     * A new socket takes over: it gets the greeting made for what it missed
     * after `position` (how many frames, whether any were lost), then those
     * frames, in order.
     */
    attach(next: ClientSocket, position: ReplayPosition, greeting: (replay: { replayed: number; complete: boolean }) => string[]) {
      socket = next;
      const { frames, complete } = sent.since(position);
      const replay = { replayed: frames.length, complete };
      for (const g of greeting(replay)) next.sendText(g);
      for (const f of frames) {
        if ('text' in f) next.sendText(f.text);
        else next.sendBinary(f.audio);
      }
      sent.setAttached(true);
      return replay;
    },
  };
}

export type ClientLink = ReturnType<typeof clientLink>;
