/**
 * TLS in front of a plain-HTTP gateway on loopback, for the openai client,
 * which always dials wss://. Bytes pass through untouched, so the client
 * talks to the real server behind it, Node or workerd alike.
 */
import { createServer, type Server } from 'node:tls';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { testCert } from './tls.js';

export interface TlsFront {
  /** https://127.0.0.1:PORT */
  url: string;
  ca: string;
  close(): Promise<void>;
}

export async function startTlsFront(backendPort: number): Promise<TlsFront> {
  const { cert, key } = await testCert();
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer({ cert, key }, (front) => {
    const back = connect(backendPort, '127.0.0.1');
    sockets.add(front).add(back);
    front.pipe(back).pipe(front);
    const drop = () => {
      front.destroy();
      back.destroy();
      sockets.delete(front);
      sockets.delete(back);
    };
    front.on('error', drop).on('close', drop);
    back.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ca: cert,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
