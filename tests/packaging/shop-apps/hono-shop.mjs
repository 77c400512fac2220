// A shop's Hono app with the gateway as its /voice route, served by @hono/node-server with the gateway's
// WebSocket server, and the widget self-hosted from its package.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createGateway } from '@contoso-voice/gateway';
import { gatewaySocketServer, nodeRuntime } from '@contoso-voice/gateway/node';
import { gatewayConfig } from './gateway-config.mjs';
import { announce, shopPage, widgetFile } from './shop-page.mjs';

const shop = new Hono();
shop.get('/', (c) => c.html(shopPage({ gateway: `${new URL(c.req.url).origin}/voice`, site: 'demo' })));
shop.get('/shop-assets/*', (c) => {
  const file = widgetFile(c.req.path);
  return file ? c.body(file, 200, { 'content-type': 'text/javascript' }) : c.notFound();
});
shop.route('/voice', createGateway(gatewayConfig, nodeRuntime()));

serve({ fetch: shop.fetch, port: 0, hostname: '127.0.0.1', websocket: { server: gatewaySocketServer(gatewayConfig) } }, (info) => announce(info.port));
