/** The gateway in a plain node:http server at /voice, beside the server's own requests and upgrades. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { attachGateway, type AttachedGateway } from '../../src/node.js';
import { expectGatewayServedAt, testGatewayConfig } from './served-at.js';

describe('attached to a node:http server with attachGateway', () => {
  let server: Server;
  let gateway: AttachedGateway;
  let origin = '';
  // The server's own WebSocket endpoint (a dev server's HMR socket, say), which the gateway must leave alone.
  const own = new WebSocketServer({ noServer: true });

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (gateway.owns(req)) return gateway.handle(req, res);
      res.end('the shop');
    });
    gateway = attachGateway(server, { ...testGatewayConfig(), prefix: '/voice/' });
    server.on('upgrade', (req, socket, head) => {
      if (req.url === '/hmr') own.handleUpgrade(req, socket, head, (ws) => ws.send('hello from the shop'));
    });
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    gateway.close();
    own.close();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('serves tokens, the catalog and a realtime session under /voice', async () => {
    await expectGatewayServedAt(`${origin}/voice`);
  });

  it("leaves the server's own requests and upgrades to it", async () => {
    expect(await (await fetch(`${origin}/v1/catalog/products?site=demo`)).text()).toBe('the shop');
    const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/hmr`);
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data) => resolve(data.toString()));
      ws.once('error', reject);
    });
    ws.close();
    expect(first).toBe('hello from the shop');
  });
});
