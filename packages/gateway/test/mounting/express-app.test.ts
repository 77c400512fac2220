/** The gateway in an Express app at /voice: HTTP through Express, the WebSocket upgrade on its http.Server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { attachGateway, type AttachedGateway } from '../../src/node.js';
import { expectGatewayServedAt, testGatewayConfig } from './served-at.js';

describe('mounted in an Express app with attachGateway', () => {
  let server: Server;
  let gateway: AttachedGateway;
  let origin = '';

  beforeAll(async () => {
    const shop = express();
    server = createServer(shop);
    gateway = attachGateway(server, { ...testGatewayConfig(), prefix: '/voice' });
    // Mounted with a path, as an Express user would: Express strips it from req.url and the handler puts it back.
    shop.use('/voice', gateway.handle);
    shop.get('/', (_req, res) => void res.send('the shop'));
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    gateway.close();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('serves tokens, the catalog and a realtime session under /voice', async () => {
    await expectGatewayServedAt(`${origin}/voice`);
  });

  it("leaves the shop's own routes to the shop", async () => {
    expect(await (await fetch(`${origin}/`)).text()).toBe('the shop');
    expect((await fetch(`${origin}/v1/catalog/products?site=demo`)).status).toBe(404);
  });
});
