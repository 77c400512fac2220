import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProductCard } from '@contoso-voice/protocol';
import { createEmitter } from './emitter.js';
import { shopAnalytics, type ShopEvent } from './analytics.js';
import type { VoiceEvents } from './voice-events.js';

const tent: ProductCard = { id: 'tent-basecamp-4', name: 'Basecamp 4', price: 349, currency: 'USD', image: '', url: '', reason: '' };
const stove: ProductCard = { id: 'stove-1', name: 'Stove', price: 50, currency: 'USD', image: '', url: '', reason: '' };

const w = globalThis as unknown as { window?: { dataLayer?: unknown[] } };
beforeEach(() => void (w.window = {}));
afterEach(() => void delete w.window);

function setup(dataLayer?: 'after_consent' | 'always') {
  const events = createEmitter<VoiceEvents>();
  const seen: ShopEvent[] = [];
  events.on('analytics', (e) => seen.push(e));
  const analytics = shopAnalytics(events);
  const session = (id: string) => events.emit('event', { type: 'gateway.session', session_id: id, ...(dataLayer ? { data_layer: dataLayer } : {}) } as never);
  const pushed = () => (w.window!.dataLayer ?? []).filter((e) => (e as { event?: string }).event) as ShopEvent[];
  return { events, seen, analytics, session, pushed };
}

describe('shop analytics', () => {
  it('sends GA4-shaped events with the conversation id, and nothing to dataLayer when the site did not turn it on', () => {
    const { events, seen, analytics, session } = setup();
    expect(analytics.conversationId()).toBeNull();
    session('conv-1');
    events.emit('products', [tent, stove]);
    events.emit('tool_call', { callId: 'c1', name: 'add_to_cart', arguments: { product_id: 'tent-basecamp-4', name: 'Basecamp 4', price: 349, currency: 'USD', quantity: 2 }, output: { added: true } });
    events.emit('tool_call', { callId: 'c2', name: 'remove_from_cart', arguments: { product_id: 'stove-1', name: 'Stove' }, output: {} });
    // A failed add, another tool, and the widget's own assistant-sourced event are not counted again.
    events.emit('tool_call', { callId: 'c3', name: 'add_to_cart', arguments: { product_id: 'x' }, error: 'the cart service is down' });
    events.emit('tool_call', { callId: 'c4', name: 'get_cart', arguments: {}, output: {} });
    events.emit('add_to_cart', { productId: 'tent-basecamp-4', quantity: 1, product: tent, source: 'assistant' });
    events.emit('add_to_cart', { productId: 'stove-1', quantity: 1, product: stove, source: 'card' });
    analytics.cardOpened('tent-basecamp-4');
    analytics.cardOpened('not-shown');
    expect(analytics.conversationId()).toBe('conv-1');
    expect(seen.map((e) => e.event)).toEqual(['view_item_list', 'add_to_cart', 'remove_from_cart', 'add_to_cart', 'select_item']);
    expect(seen.every((e) => e.conversation_id === 'conv-1')).toBe(true);
    expect(seen[0]!.ecommerce).toEqual({ currency: 'USD', value: 399, items: [expect.objectContaining({ item_id: 'tent-basecamp-4', quantity: 1 }), expect.objectContaining({ item_id: 'stove-1' })] });
    expect(seen[1]!.ecommerce).toEqual({ currency: 'USD', value: 698, items: [{ item_id: 'tent-basecamp-4', item_name: 'Basecamp 4', price: 349, quantity: 2 }] });
    expect(seen[2]!.ecommerce.items).toEqual([{ item_id: 'stove-1', item_name: 'Stove', price: undefined, quantity: 1 }]);
    expect(w.window!.dataLayer).toBeUndefined();
  });

  it('pushes to dataLayer only after consent when the site requires it, and stops when it is withdrawn', () => {
    const { events, analytics, session, pushed } = setup('after_consent');
    session('conv-2');
    events.emit('products', [tent]);
    expect(pushed()).toEqual([]);
    analytics.consent({ analytics: true });
    events.emit('products', [stove]);
    expect(pushed().map((e) => [e.event, e.conversation_id, e.ecommerce.items[0]!.item_id])).toEqual([['view_item_list', 'conv-2', 'stove-1']]);
    expect(w.window!.dataLayer!.at(-2)).toEqual({ ecommerce: null });
    analytics.consent({ analytics: false });
    events.emit('products', [tent]);
    expect(pushed()).toHaveLength(1);
  });

  it('pushes without a consent call when the site says its own banner covers it', () => {
    const { events, session, pushed } = setup('always');
    session('conv-3');
    events.emit('products', [tent]);
    expect(pushed()).toHaveLength(1);
  });
});
