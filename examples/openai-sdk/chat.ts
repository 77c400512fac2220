/**
 * Talks to a running gateway with the official `openai` package, exactly as
 * a server-side integration would: `npm run chat -- "I need a tent for four people"`.
 * It uses the development TLS listener that `npm start` opens, trusting its
 * self-signed certificate explicitly. Like a retailer's backend, it first
 * gets a single-use session token with the site secret (SITE_SECRET_DEMO, or
 * the one `npm start` keeps in .contoso-voice/), and hands that token to the
 * client as its API key: the gateway holds the real one.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const gateway = process.env.GATEWAY_URL ?? 'https://127.0.0.1:8788';
const certFile = process.env.GATEWAY_CA_FILE ?? '.contoso-voice/dev-cert/cert.pem';
const question = process.argv.slice(2).join(' ') || 'I need a tent for four people';

const site = process.env.SITE || 'demo';
const secretVar = `SITE_SECRET_${site.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

const ca = readFileSync(certFile);
function readSiteSecret(): string {
  if (process.env[secretVar]) return process.env[secretVar]!;
  const file = process.env.SITE_SECRET_FILE ?? `.contoso-voice/site-secret-${site}`;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    console.error(`Set ${secretVar} to the site secret of "${site}" (npm start keeps one only for the demo, in ${file}).`);
    process.exit(1);
  }
}
const siteSecret = readSiteSecret();

/** POST /v1/sessions as a backend does, over the dev listener's TLS with its certificate trusted. */
function sessionToken(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${gateway}/v1/sessions`, { method: 'POST', ca, headers: { authorization: `Bearer ${siteSecret}`, 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body).token) : reject(new Error(`HTTP ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ site }));
  });
}

const token = await sessionToken().catch((err: Error) => {
  console.error(`Could not get a session token: ${err.message}`);
  process.exit(1);
});

const client = new OpenAI({ apiKey: token, baseURL: `${gateway}/v1` });
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca } }, client);
const timer = setTimeout(() => {
  console.error('No answer within 15 s.');
  process.exit(1);
}, 15_000);

rt.on('error', (err) => {
  console.error(`Realtime error: ${err.message}`);
  process.exit(1);
});
rt.on('event', (event: { type: string; [k: string]: any }) => {
  if (event.type === 'gateway.error') console.error(`gateway.error ${event.code}: ${event.message}`);
  if (event.type === 'gateway.products') {
    for (const p of event.products) console.log(`  card: ${p.name} — ${p.price} ${p.currency} (${p.reason})`);
  }
});
rt.on('response.output_text.delta', (e) => process.stdout.write(e.delta));
rt.on('response.output_text.done', () => {
  process.stdout.write('\n');
  clearTimeout(timer);
  rt.close();
});
rt.socket.on('open', () => {
  console.log(`> ${question}`);
  rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: question }] } });
  rt.send({ type: 'response.create', response: { output_modalities: ['text'] } });
});
