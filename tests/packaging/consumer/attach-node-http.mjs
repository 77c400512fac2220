// The gateway from the tarball attached to a node:http server of one's own at /voice:
// a page's token request, then a realtime session on that token. Prints what each returned.
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { attachGateway } from '@contoso-voice/gateway/node';
import { localUpstream } from '@contoso-voice/gateway/upstreams';
import { bundledDemo } from '@contoso-voice/gateway/sites';

const origin = 'http://localhost:5173';
const server = createServer((req, res) => (voice.owns(req) ? voice.handle(req, res) : res.end('the shop')));
const voice = attachGateway(server, {
  upstream: localUpstream(),
  ...bundledDemo(),
  security: { tokenSecret: 'packaging-test-token-secret', siteSecrets: {} },
  prefix: '/voice',
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `127.0.0.1:${server.address().port}/voice`;
try {
  const minted = await fetch(`http://${base}/v1/sessions`, { method: 'POST', headers: { origin }, body: JSON.stringify({ site: 'demo' }) });
  const { token } = await minted.json();
  const ws = new WebSocket(`ws://${base}/v1/realtime?site=demo&token=${encodeURIComponent(token)}`, { origin });
  // The greeting is two events: session.created, as from the service, then gateway.session.
  const [first, second] = await new Promise((resolve, reject) => {
    const got = [];
    ws.on('message', (data) => got.push(JSON.parse(data.toString())) === 2 && resolve(got));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  ws.close();
  process.stdout.write(JSON.stringify({ tokenStatus: minted.status, firstEvent: first.type, secondEvent: second.type, site: second.site }));
} finally {
  voice.close();
  // fetch keeps its connection alive; without this the server would wait for it.
  server.closeAllConnections();
  server.close();
}
// The conversation waits out its resume window (30 s) for the client to come back, as it would for a shopper.
process.exit(0);
