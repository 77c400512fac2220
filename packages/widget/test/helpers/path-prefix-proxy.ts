/**
 * A reverse proxy that mounts a gateway under a path prefix, as a shop's own
 * server does (`/voice/*` → the gateway, prefix stripped), for plain HTTP and
 * for the WebSocket upgrade. Anything outside the prefix is a 404, so a
 * client that drops the prefix fails where a test can see it.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface PathPrefixProxy {
  /** The proxy's origin; the gateway is at `${url}${prefix}`. */
  url: string;
  /** Every request it was sent, as `METHOD /path?query`, upgrades included. */
  seen: string[];
  close(): Promise<void>;
}

export async function startPathPrefixProxy(prefix: string, target: { port: number }): Promise<PathPrefixProxy> {
  const seen: string[] = [];
  const inside = (req: IncomingMessage) => {
    seen.push(`${req.method} ${req.url}`);
    return req.url?.startsWith(`${prefix}/`) ? req.url.slice(prefix.length) : null;
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const path = inside(req);
    if (!path) return void res.writeHead(404).end('outside the mount');
    const upstream = request({ host: '127.0.0.1', port: target.port, method: req.method, path, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const path = inside(req);
    if (!path) return void client.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
    const upstream = connect(target.port, '127.0.0.1', () => {
      // The upgrade request as it came, with the path rewritten; then bytes both ways.
      const headers = req.rawHeaders.reduce((lines, v, i) => (i % 2 ? `${lines}: ${v}\r\n` : lines + v), '');
      upstream.write(`${req.method} ${path} HTTP/1.1\r\n${headers}\r\n`);
      if (head.length) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
