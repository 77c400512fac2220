// A shop's Express app with the gateway at /voice (attachGateway: HTTP through Express, the upgrade on its server),
// the widget self-hosted from its package, and a token route for the site with publicTokens false.
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { attachGateway } from '@contoso-voice/gateway/node';
import { mintSessionToken } from '@contoso-voice/gateway/session-token';
import { gatewayConfig, OUTFITTERS_SECRET } from './gateway-config.mjs';
import { announce, shopPage } from './shop-page.mjs';

const app = express();
const server = createServer(app);
const voice = attachGateway(server, { ...gatewayConfig, prefix: '/voice' });
app.use('/voice', voice.handle);

let minted = 0;
const origin = (req) => `http://${req.headers.host}`;
app.get('/', (req, res) => void res.send(shopPage({ gateway: `${origin(req)}/voice`, site: 'demo' })));
app.get('/outfitters', (req, res) => void res.send(shopPage({ gateway: `${origin(req)}/voice`, site: 'outfitters', tokenRoute: '/voice-token' })));
app.post('/voice-token', async (req, res) => {
  minted++;
  res.set('cache-control', 'no-store').json(await mintSessionToken(OUTFITTERS_SECRET, { site: 'outfitters', origin: origin(req), iss: 'site' }));
});
// For the test: how many tokens this backend has minted.
app.get('/voice-token/count', (_req, res) => void res.json({ minted }));
// The script-tag build's folder, as the README shows: widget.js with chunks/ and worklets/ beside it.
app.use('/shop-assets', express.static(dirname(fileURLToPath(import.meta.resolve('@contoso-voice/widget/widget.js')))));

server.listen(0, '127.0.0.1', () => announce(server.address().port));
