/**
 * Relay and audio counts per site, kept as plain numbers that the relay path
 * adds to in place (no object per frame); the registry reads them when it is
 * scraped or flushed.
 */
import type { ClientSocket } from '../session/session.js';

export interface SiteTraffic {
  framesFromClient: number;
  /** Bytes of binary frames, characters of text frames: what the relay handles, without encoding text just to measure it. */
  bytesFromClient: number;
  framesToClient: number;
  bytesToClient: number;
  /** PCM16 bytes sent to the model and received from it. */
  audioBytesIn: number;
  audioBytesOut: number;
}

/** PCM16 mono at 24 kHz, the only audio the gateway relays. */
export const AUDIO_BYTES_PER_SECOND = 48_000;

export interface TrafficTable {
  /** The counters for a site (already bounded by the label guard). */
  of(site: string): SiteTraffic;
  entries(): IterableIterator<[string, SiteTraffic]>;
}

export function trafficTable(): TrafficTable {
  const bySite = new Map<string, SiteTraffic>();
  return {
    of(site) {
      let t = bySite.get(site);
      if (!t) bySite.set(site, (t = { framesFromClient: 0, bytesFromClient: 0, framesToClient: 0, bytesToClient: 0, audioBytesIn: 0, audioBytesOut: 0 }));
      return t;
    },
    entries: () => bySite.entries(),
  };
}

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? data.length : data instanceof ArrayBuffer ? data.byteLength : ArrayBuffer.isView(data) ? data.byteLength : 0;

/** One frame the client sent. */
export function countFromClient(t: SiteTraffic | undefined, data: unknown) {
  if (!t) return;
  t.framesFromClient++;
  t.bytesFromClient += sizeOf(data);
}

/** The client socket, counting what goes out on it. */
export function meteredSocket(socket: ClientSocket, t: SiteTraffic | undefined): ClientSocket {
  if (!t) return socket;
  return {
    sendText(data) {
      t.framesToClient++;
      t.bytesToClient += data.length;
      socket.sendText(data);
    },
    sendBinary(data) {
      t.framesToClient++;
      t.bytesToClient += data.byteLength;
      socket.sendBinary(data);
    },
    close: (code, reason) => socket.close(code, reason),
    bufferedAmount: () => socket.bufferedAmount(),
  };
}
