/**
 * Tries a WebSocket upgrade and reports the gateway's refusal (HTTP status
 * and JSON code) or that it opened, for tests of who may connect.
 */
import WebSocket from 'ws';

export type UpgradeOutcome = { opened: true } | { opened: false; status: number; code: string };

export function attemptUpgrade(url: string, options: { origin?: string; headers?: Record<string, string>; ca?: string } = {}): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: options.origin, headers: options.headers, ca: options.ca });
    ws.once('open', () => {
      ws.close(1000);
      resolve({ opened: true });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => {
        // The code is in a header on every runtime, and in a JSON body where the runtime sends one.
        const header = String(res.headers['x-gateway-error'] ?? '');
        let fromBody = header;
        if (body) {
          try {
            fromBody = JSON.parse(body).error;
          } catch {
            fromBody = `(not JSON: ${body.slice(0, 80)})`;
          }
        }
        resolve({ opened: false, status: res.statusCode ?? 0, code: fromBody === header ? header : `${header} / ${fromBody}` });
      });
    });
    ws.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
