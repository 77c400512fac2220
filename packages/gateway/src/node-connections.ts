/**
 * What one Node listener allows a TCP connection: short header, request
 * and keep-alive timeouts, and caps per client address and in all, so that
 * idle or half-open connections cannot take every file descriptor.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open TCP connections from one address; more are answered 503 `too_many_connections` and closed. */
  perAddress: number;
  /** Open TCP connections in all, on each listener; by default three quarters of the process's descriptor limit. */
  total: number;
  /** Time for a request's headers to arrive, and for a whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** The soft limit on open files, where the system tells (Linux). */
function descriptorLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isFinite(soft) && soft > 0 ? soft : null;
  } catch {
    return null;
  }
}

export function defaultConnectionLimits(): ConnectionLimits {
  const fds = descriptorLimit();
  return {
    perAddress: 32,
    // Room is left for the model sockets (one per session), files and logs.
    total: fds ? Math.max(16, Math.floor(fds * 0.75) - 32) : 4096,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 15_000,
    keepAliveTimeoutMs: 5_000,
  };
}

/** Node's own knobs for the timeouts; the check interval is how soon after a timeout a connection really goes. */
export function serverTimeoutOptions(l: ConnectionLimits) {
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    keepAliveTimeout: l.keepAliveTimeoutMs,
    connectionsCheckingInterval: 1000,
  };
}

const REFUSAL = 'HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json\r\nx-gateway-error: too_many_connections\r\n';

export function capConnections(server: Server, l: ConnectionLimits, tls: boolean) {
  server.maxConnections = l.total;
  const byAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const open = (byAddress.get(address) ?? 0) + 1;
    byAddress.set(address, open);
    socket.once('close', () => {
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    });
    if (open > l.perAddress) {
      // Under TLS there is no handshake yet to answer over: the connection is only closed.
      if (tls) return void socket.destroy();
      const body = JSON.stringify({ error: 'too_many_connections', message: `At most ${l.perAddress} connections from one address.` });
      socket.end(`${REFUSAL}content-length: ${body.length}\r\n\r\n${body}`);
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  });
  return { openFrom: (address: string) => byAddress.get(address) ?? 0 };
}
