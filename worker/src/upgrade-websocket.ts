/**
 * Hono's WebSocket upgrade for Workers, written here because Hono's own
 * Workers helper neither echoes the `realtime` subprotocol (Chrome and the
 * openai client refuse a 101 that drops an offered protocol) nor calls
 * onOpen, which the gateway's session start hangs on.
 */
import { defineWebSocketHelper, WSContext } from 'hono/ws';
import { CLOSE_CODES } from '@contoso-voice/protocol';

/** Workers refuse messages over 1 MiB; the gateway's own limit must stay at or under it. */
export const WORKERS_MAX_MESSAGE_BYTES = 1024 * 1024;

function offeredProtocols(header: string | undefined): string[] {
  return (header ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

function byteLength(data: unknown): number {
  if (typeof data === 'string') return data.length * 3; // upper bound of its UTF-8 size, without encoding it
  if (data instanceof ArrayBuffer) return data.byteLength;
  return ArrayBuffer.isView(data) ? data.byteLength : 0;
}

/** Codes a close frame may carry; 1005 and 1006 only describe a close that had none. */
function sendableCloseCode(code: number): number {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999) ? code : 1000;
}

export function workersUpgradeWebSocket(maxMessageBytes: number) {
  return defineWebSocketHelper(async (c, events) => {
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return;
    const protocol = offeredProtocols(c.req.header('sec-websocket-protocol')).includes('realtime') ? 'realtime' : undefined;
    const pair = new WebSocketPair();
    const client = pair[0];
    const server = pair[1];
    const ctx = new WSContext({
      raw: server,
      protocol,
      url: c.req.url,
      get readyState() {
        return server.readyState as 0 | 1 | 2 | 3;
      },
      send: (data) => server.send(data),
      close: (code, reason) => server.close(code, reason),
    });
    // Newer compatibility dates deliver binary frames as Blob, the web default; audio wants bytes without an await.
    server.binaryType = 'arraybuffer';
    server.accept();
    server.addEventListener('message', (event) => {
      // A string's bound may overshoot; measure exactly only when it might be too big.
      const size = byteLength(event.data);
      if (size > maxMessageBytes && (typeof event.data !== 'string' || new TextEncoder().encode(event.data).byteLength > maxMessageBytes)) {
        server.close(CLOSE_CODES.messageTooBig, `message over ${maxMessageBytes} bytes`);
        return;
      }
      events.onMessage?.(event, ctx);
    });
    server.addEventListener('close', (event) => {
      // Without the auto-reply compatibility flag, the closing handshake is ours to finish.
      if (server.readyState !== WebSocket.CLOSED) {
        try {
          server.close(sendableCloseCode(event.code), '');
        } catch {
          // already closing from our side
        }
      }
      events.onClose?.(event, ctx);
    });
    server.addEventListener('error', (event) => events.onError?.(event, ctx));
    events.onOpen?.(new Event('open'), ctx);
    return new Response(null, { status: 101, webSocket: client, headers: protocol ? { 'sec-websocket-protocol': protocol } : {} });
  });
}
