/**
 * Upgrade requests no client library sends: without a Sec-WebSocket-Key,
 * or abandoned before the answer, as a phone that loses its network does.
 */
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

const requestText = (port: number, path: string, key: string | null) =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  (key ? `Sec-WebSocket-Key: ${key}\r\n` : '') +
  'Sec-WebSocket-Version: 13\r\n\r\n';

/** Sends an upgrade request without a key and resolves with the status line's code and the x-gateway-error header. */
export function upgradeWithoutKey(port: number, path: string): Promise<{ status: number; code: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(requestText(port, path, null)));
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, code: /x-gateway-error: *([\w-]+)/i.exec(head.slice(0, end))?.[1] ?? null });
    });
  });
}

/** Sends a complete, valid upgrade request and drops the connection at once, before reading any answer. */
export function abandonUpgrade(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(requestText(port, path, randomBytes(16).toString('base64')), () => {
        socket.destroy();
        resolve();
      });
    });
  });
}
