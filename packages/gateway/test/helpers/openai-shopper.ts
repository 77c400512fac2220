/**
 * A retailer's server-side integration with the official openai client: a
 * session token minted with the site secret, then a typed conversation over
 * the development TLS listener.
 */
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';

export interface Answer {
  text: string;
  /** Cards the gateway showed for this question. */
  cards: { id: string; name: string; price: number; currency: string }[];
}

export async function openShopper(o: { httpUrl: string; tlsUrl: string; ca: string | Buffer; site: string; siteSecret: string }) {
  const res = await fetch(`${o.httpUrl}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${o.siteSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ site: o.site }),
  });
  if (!res.ok) throw new Error(`token: HTTP ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  const client = new OpenAI({ apiKey: token, baseURL: `${o.tlsUrl}/v1` });
  const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: o.ca } }, client);
  const events: Record<string, any>[] = [];
  rt.on('event', (e) => events.push(e));
  await new Promise<void>((resolve, reject) => {
    rt.socket.once('open', () => resolve());
    rt.socket.once('error', reject);
  });

  async function ask(text: string): Promise<Answer> {
    const before = events.length;
    rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
    rt.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    const done = await new Promise<Record<string, any>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to "${text}"`)), 10_000);
      const check = () => {
        const hit = events.slice(before).find((e) => e.type === 'response.output_text.done');
        if (hit) {
          clearTimeout(timer);
          rt.off('event', check);
          resolve(hit);
        }
      };
      rt.on('event', check);
    });
    const cards = events.slice(before).filter((e) => e.type === 'gateway.products').flatMap((e) => e.products);
    return { text: done.text as string, cards };
  }

  return { ask, events, close: () => rt.close() };
}
