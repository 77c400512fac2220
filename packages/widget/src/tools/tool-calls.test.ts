import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CartLine, ClientEvent, GatewayToolCallEvent } from '@contoso-voice/protocol';
import { createToolCalls, encodeResult, type ToolCallDetail } from './tool-calls.js';
import { defaultTools } from './default-tools.js';
import { createMessagesStore } from '../stores/messages.js';
import { createEmitter } from '../emitter.js';
import type { VoiceEvents } from '../voice-events.js';

function installSessionStorage() {
  const data = new Map<string, string>();
  vi.stubGlobal('sessionStorage', { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) });
}
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const LINE = { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', quantity: 2, name: 'Stormshell Jacket', variant: 'Blue / M', price: 179, currency: 'USD', image: '/i.jpg', url: 'https://shop.example/products/cloth-stormshell-jacket.html' };
const call = (name: string, args: object = LINE, id = `call_${Math.random()}`, timeout_ms = 5000): GatewayToolCallEvent => ({ type: 'gateway.tool_call', call_id: id, name, arguments: args as never, timeout_ms });

function setup(site = `t${Math.random()}`, cart: unknown = undefined) {
  const sent: ClientEvent[] = [];
  const done: ToolCallDetail[] = [];
  const failed = vi.fn();
  const events = createEmitter<VoiceEvents>();
  const messages = createMessagesStore(site);
  const tools = createToolCalls(site, messages, defaultTools(events.emit, () => cart as never, () => false), { send: (e) => sent.push(e), failed, done: (d) => done.push(d) });
  return { sent, done, failed, events, messages, tools };
}

describe('encodeResult', () => {
  it('passes JSON and refuses what the gateway could not take', () => {
    expect(encodeResult({ added: true })).toEqual({ output: { added: true } });
    expect(encodeResult(undefined)).toEqual({ error: 'the handler returned nothing' });
    expect(encodeResult(() => 1)).toEqual({ error: 'the handler returned nothing' });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(encodeResult(cycle).error).toMatch(/cycle/);
    expect(encodeResult({ big: 'x'.repeat(10 * 1024 * 1024) })).toEqual({ error: 'result too large' });
    // Under 16 KiB in characters but over it in UTF-8 bytes.
    expect(encodeResult('é'.repeat(9000))).toEqual({ error: 'result too large' });
    expect(encodeResult({ n: 1n } as never).error).toBeTruthy();
  });
});

describe('client tool calls', () => {
  it('runs a registered handler once per call id, even when the call is replayed on the next page', async () => {
    installSessionStorage();
    const a = setup('shop');
    const handler = vi.fn(async (line: CartLine, c: { callId: string }) => ({ cart: { items: [{ id: line.variant_id, qty: line.quantity }] }, id: c.callId }));
    a.tools.register('add_to_cart', handler);
    const e = call('add_to_cart', LINE, 'call_1');
    await a.tools.call(e);
    await a.tools.call(e);
    expect(handler).toHaveBeenCalledOnce();
    expect(a.sent).toEqual([{ type: 'gateway.tool_result', call_id: 'call_1', output: { cart: { items: [{ id: LINE.variant_id, qty: 2 }] }, id: 'call_1' } }]);
    expect(a.done[0]).toMatchObject({ callId: 'call_1', name: 'add_to_cart' });
    // The confirmation card is in the transcript.
    expect(a.messages.$messages.get().at(-1)?.added).toEqual({ callId: 'call_1', line: LINE });
    // The next page: a fresh client in the same tab.
    const b = setup('shop');
    b.tools.register('add_to_cart', handler);
    await b.tools.call(e);
    expect(handler).toHaveBeenCalledOnce();
    expect(b.sent).toEqual([]);
  });

  it('answers a thrown error, a missing handler and a handler that never returns with errors, and tells the shopper', async () => {
    const { tools, sent, failed } = setup();
    const off = tools.register('order_status', () => {
      throw new Error('orders are down');
    });
    await tools.call(call('order_status', {}, 'c1'));
    off();
    await tools.call(call('order_status', {}, 'c2'));
    tools.register('slow', () => new Promise(() => {}));
    vi.useFakeTimers();
    const pending = tools.call(call('slow', {}, 'c3', 2000));
    await vi.advanceTimersByTimeAsync(1500);
    await pending;
    expect(sent).toEqual([
      { type: 'gateway.tool_result', call_id: 'c1', error: 'orders are down' },
      { type: 'gateway.tool_result', call_id: 'c2', error: 'no handler for order_status on this page' },
      { type: 'gateway.tool_result', call_id: 'c3', error: 'the page took too long' },
    ]);
    expect(failed).toHaveBeenCalledTimes(3);
  });

  it('defaults: add_to_cart and remove_from_cart are events, get_cart reads the context', async () => {
    const { tools, sent, events, done } = setup(undefined, { items: [{ id: 'stove-jet-boil', quantity: 1, name: 'Jet Stove' }] });
    const adds: VoiceEvents['add_to_cart'][] = [];
    const removes: VoiceEvents['remove_from_cart'][] = [];
    events.on('add_to_cart', (d) => adds.push(d));
    events.on('remove_from_cart', (d) => removes.push(d));
    await tools.call(call('add_to_cart', LINE, 'a1'));
    await tools.call(call('get_cart', {}, 'g1'));
    expect(adds).toEqual([{ productId: LINE.product_id, variantId: LINE.variant_id, quantity: 2, product: expect.objectContaining({ id: LINE.product_id, name: LINE.name }), line: LINE, source: 'assistant' }]);
    expect(sent[0]).toEqual({ type: 'gateway.tool_result', call_id: 'a1', output: { added: true } });
    expect(sent[1]).toEqual({ type: 'gateway.tool_result', call_id: 'g1', output: { items: [{ product_id: 'stove-jet-boil', id: 'stove-jet-boil', name: 'Jet Stove', quantity: 1 }] } });
    // Undo removes it, then tells the model, and the card says so.
    await tools.undo('a1');
    expect(removes).toEqual([{ productId: LINE.product_id, variantId: LINE.variant_id, quantity: 2, name: LINE.name }]);
    expect(sent[2]).toEqual({ type: 'gateway.undo', call_id: 'a1' });
    // on('tool_call') (and the analytics on it) hears the removal with the whole line.
    expect(done.at(-1)).toMatchObject({ callId: 'a1', name: 'remove_from_cart', arguments: LINE });
    await tools.undo('a1');
    expect(sent).toHaveLength(3);
    expect(done.filter((d) => d.name === 'remove_from_cart')).toHaveLength(1);
  });

  it('defaults on a page with no cart: the model is told it could not, never that it worked', async () => {
    const { tools, sent } = setup(undefined, undefined);
    await tools.call(call('add_to_cart', LINE, 'n1'));
    await tools.call(call('get_cart', {}, 'n2'));
    expect(sent).toEqual([
      { type: 'gateway.tool_result', call_id: 'n1', error: 'this page has no cart the assistant can use' },
      { type: 'gateway.tool_result', call_id: 'n2', error: 'the page has not shared its cart' },
    ]);
  });

  it('Undo pressed twice while a slow removal runs removes once', async () => {
    const { tools, sent } = setup(undefined, { items: [] });
    let removals = 0;
    tools.register('remove_from_cart', async () => {
      removals++;
      await new Promise((r) => setTimeout(r, 50));
      return { removed: true };
    });
    await tools.call(call('add_to_cart', LINE, 'u1'));
    await Promise.all([tools.undo('u1'), tools.undo('u1')]);
    expect(removals).toBe(1);
    expect(sent.filter((e) => e.type === 'gateway.undo')).toHaveLength(1);
  });

  it('aborts the handler\'s signal when it stops waiting, so a slow cart call can be cancelled', async () => {
    const { tools, sent } = setup(undefined, { items: [] });
    let signal: AbortSignal | undefined;
    tools.register('add_to_cart', (_line, c) => {
      signal = c.signal;
      return new Promise(() => {});
    });
    await tools.call(call('add_to_cart', LINE, 's1', 1000));
    expect(sent[0]).toEqual({ type: 'gateway.tool_result', call_id: 's1', error: 'the page took too long' });
    expect(signal?.aborted).toBe(true);
  });
});
