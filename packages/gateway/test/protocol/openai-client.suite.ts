/**
 * The official openai npm client, pointed at the gateway, holds a text
 * conversation with the local engine. The client always dials wss://, so it
 * reaches the gateway through TLS with a certificate made for this run.
 */
import { describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { demoCatalog, inCategory } from '../helpers/demo-catalog.js';
import type { GatewayTarget } from './target.js';
import { testToken } from '../helpers/socket-client.js';

export function openaiClientSuite(target: () => GatewayTarget) {
async function openClient() {
  const { tlsUrl, ca } = target();
  // The gateway holds the model key; the client's "API key" is a session token from the retailer's backend.
  const client = new OpenAI({ apiKey: await testToken(), baseURL: `${tlsUrl}/v1` });
  const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca } }, client);
  const events: Record<string, any>[] = [];
  rt.on('event', (e) => events.push(e));
  const errors: unknown[] = [];
  rt.on('error', (e) => errors.push(e));
  await new Promise<void>((resolve, reject) => {
    rt.socket.once('open', () => resolve());
    rt.socket.once('error', reject);
  });
  return { rt, events, errors };
}

/** Resolves with the first event of that type, including one that came in the same read as the handshake. */
function nextOf(rt: OpenAIRealtimeWS, events: Record<string, any>[], type: string): Promise<Record<string, any>> {
  const seen = events.find((e) => e.type === type);
  return seen ? Promise.resolve(seen) : new Promise((resolve) => rt.once(type as 'session.updated', resolve));
}

async function ask(rt: OpenAIRealtimeWS, events: Record<string, any>[], text: string): Promise<string> {
  const before = events.length;
  rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
  rt.send({ type: 'response.create', response: { output_modalities: ['text'] } });
  // The first response calls a tool (hidden from the client); the second one answers.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer')), 5000);
    rt.on('response.output_text.done', (e) => {
      if (events.indexOf(e) >= before) {
        clearTimeout(timer);
        resolve(e.text);
      }
    });
  });
}

describe('the openai client against the gateway (local engine)', () => {
  it('connects over wss, gets session.created then gateway.session first, and a redacted session', async () => {
    const { rt, events } = await openClient();
    await nextOf(rt, events, 'session.updated');
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['session.created', 'gateway.session']);
    expect(events[0]!.session).not.toHaveProperty('instructions');
    expect(events[0]!.session.audio.output.voice).toBe('marin');
    expect(events[1]!.upstream).toBe('local');
    const updated = events.find((e) => e.type === 'session.updated')!;
    expect(updated.session).not.toHaveProperty('instructions');
    expect(updated.session).not.toHaveProperty('tools');
    rt.close();
  });

  it('answers a text question with products that are in the catalog', async () => {
    const { rt, events, errors } = await openClient();
    const answer = await ask(rt, events, 'I need a tent for four people');
    const names = demoCatalog.map((p) => p.name);
    const named = names.filter((n) => answer.includes(n));
    expect(named.length).toBeGreaterThan(0);
    expect(demoCatalog.find((p) => p.name === named[0])!.categoryPath).toEqual(['Tents']);
    const cards = events.find((e) => e.type === 'gateway.products')!;
    expect(cards.products.length).toBeGreaterThan(0);
    for (const card of cards.products) {
      const product = demoCatalog.find((p) => p.id === card.id)!;
      expect(product).toBeDefined();
      expect(card).toMatchObject({ name: product.name, price: product.price, currency: 'USD' });
      expect(card.image).toMatch(/^https?:\/\/127\.0\.0\.1:\d+\/v1\/catalog\/images\/tents\.svg$/);
      const image = await fetch(`${target().url}${new URL(card.image).pathname}`);
      expect(image.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(typeof card.reason).toBe('string');
    }
    expect(answer).toContain(cards.products[0].name);
    // Follow-up turn in the same session, grounded in a different category and a price cap.
    const second = await ask(rt, events, 'Do you have waterproof hiking boots under one hundred and fifty dollars?');
    const boot = demoCatalog.find((p) => second.includes(p.name));
    expect(boot?.categoryPath).toEqual(['Hiking footwear']);
    expect(boot!.price).toBeLessThanOrEqual(150);
    expect(errors).toEqual([]);
    rt.close();
  });

  it('answers policy questions from the store policy tool', async () => {
    const { rt, events } = await openClient();
    const answer = await ask(rt, events, 'How long does shipping take?');
    expect(answer).toMatch(/3 to 5 business days/);
    rt.close();
  });
});
}
