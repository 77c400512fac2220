/** The gateway as a route of a shop's own Hono app, served by @hono/node-server at /voice. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { createGateway } from '../../src/app.js';
import { gatewaySocketServer, nodeRuntime } from '../../src/node.js';
import { expectGatewayServedAt, testGatewayConfig } from './served-at.js';

describe('mounted in a Hono app with app.route("/voice", gateway)', () => {
  let server: ServerType;
  let origin = '';

  beforeAll(async () => {
    const config = testGatewayConfig();
    const shop = new Hono();
    shop.get('/', (c) => c.text('the shop'));
    shop.route('/voice', createGateway(config, nodeRuntime()));
    await new Promise<void>((ready) => {
      server = serve({ fetch: shop.fetch, port: 0, hostname: '127.0.0.1', websocket: { server: gatewaySocketServer(config) } }, () => ready());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('serves tokens, the catalog and a realtime session under /voice', async () => {
    await expectGatewayServedAt(`${origin}/voice`);
  });

  it("leaves the shop's own routes to the shop", async () => {
    expect(await (await fetch(`${origin}/`)).text()).toBe('the shop');
    expect((await fetch(`${origin}/v1/catalog/products?site=demo`)).status).toBe(404);
  });
});
