/**
 * A WebSocket server over TLS on 127.0.0.1 that plays the Realtime service,
 * so the real `openai` client path (URL, headers, TLS, GA events) is
 * exercised without the internet. Tests script what it answers.
 */
import { createServer } from 'node:https';
import { createServer as createPlainServer, type Server } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { testCert } from './tls.js';

export interface ServiceConnection {
  request: IncomingMessage;
  socket: WebSocket;
  received: Record<string, any>[];
  send(event: object): void;
  waitFor(type: string, timeoutMs?: number): Promise<Record<string, any>>;
}

export interface FakeService {
  /** https base URL ending in /v1, as a client's baseURL. */
  baseURL: string;
  origin: string;
  ca: string;
  connections: ServiceConnection[];
  nextConnection(): Promise<ServiceConnection>;
  close(): Promise<void>;
}

export async function startFakeService(
  onConnect: (conn: ServiceConnection) => void = (c) => c.send({ type: 'session.created', event_id: 'event_1', session: { type: 'realtime', instructions: 'SECRET-INSTRUCTIONS', tools: [] } }),
  onMessage: (conn: ServiceConnection, event: Record<string, any>) => void = () => {},
  /** Plain http/ws for callers that cannot be told to trust a test certificate (workerd's fetch). */
  { tls = true }: { tls?: boolean } = {},
): Promise<FakeService> {
  const { cert, key } = await testCert();
  const server: Server = tls ? createServer({ cert, key }) : createPlainServer();
  const wss = new WebSocketServer({ server });
  const connections: ServiceConnection[] = [];
  const pendingWaiters: ((c: ServiceConnection) => void)[] = [];
  wss.on('connection', (socket, request) => {
    const waiters: { type: string; resolve: (e: Record<string, any>) => void }[] = [];
    const conn: ServiceConnection = {
      request,
      socket,
      received: [],
      send: (event) => socket.readyState === 1 && socket.send(JSON.stringify(event)),
      waitFor(type, timeoutMs = 5000) {
        const seen = conn.received.find((e) => e.type === type);
        if (seen) return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`service never got ${type}`)), timeoutMs);
          waiters.push({ type, resolve: (e) => (clearTimeout(timer), resolve(e)) });
        });
      },
    };
    socket.on('message', (data) => {
      const event = JSON.parse(data.toString());
      conn.received.push(event);
      for (const w of [...waiters]) if (w.type === event.type) (waiters.splice(waiters.indexOf(w), 1), w.resolve(event));
      onMessage(conn, event);
    });
    connections.push(conn);
    onConnect(conn);
    pendingWaiters.splice(0).forEach((w) => w(conn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    ca: cert,
    connections,
    nextConnection: () => new Promise((resolve) => pendingWaiters.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Plays one model response that calls a tool, as the service streams it. */
export function functionCallRound(conn: ServiceConnection, name: string, args: string) {
  const item = { id: 'item_fc1', type: 'function_call', status: 'completed', name, call_id: 'call_abc', arguments: args };
  conn.send({ type: 'response.created', event_id: 'e1', response: { id: 'resp_1', status: 'in_progress', output: [] } });
  conn.send({ type: 'response.output_item.added', event_id: 'e2', response_id: 'resp_1', output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
  conn.send({ type: 'response.function_call_arguments.delta', event_id: 'e3', response_id: 'resp_1', item_id: 'item_fc1', output_index: 0, call_id: 'call_abc', delta: args });
  conn.send({ type: 'response.function_call_arguments.done', event_id: 'e4', response_id: 'resp_1', item_id: 'item_fc1', output_index: 0, call_id: 'call_abc', name, arguments: args });
  conn.send({ type: 'response.output_item.done', event_id: 'e5', response_id: 'resp_1', output_index: 0, item });
  conn.send({ type: 'response.done', event_id: 'e6', response: { id: 'resp_1', status: 'completed', output: [item], output_modalities: ['audio'] } });
}
