/**
 * Talks to a running gateway with the official `openai` package, exactly as
 * a server-side integration would: `npm run chat -- "I need a tent for four people"`.
 * It uses the development TLS listener that `npm start` opens, trusting its
 * self-signed certificate explicitly.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

const gateway = process.env.GATEWAY_URL ?? 'https://127.0.0.1:8788';
const certFile = process.env.GATEWAY_CA_FILE ?? '.contoso-voice/dev-cert/cert.pem';
const question = process.argv.slice(2).join(' ') || 'I need a tent for four people';

const client = new OpenAI({ apiKey: 'unused-the-gateway-holds-the-key', baseURL: `${gateway}/v1` });
const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: readFileSync(certFile) } }, client);
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
