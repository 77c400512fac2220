/**
 * Client tools against a scripted model: the page is asked only what the
 * catalog allows, its answer goes upstream once and in order, and a page that
 * is slow, silent, forged or oversized cannot stall or poison the session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { askInText, connectClient, type TestClient } from '../helpers/socket-client.js';
import type { FakeService, ServiceConnection } from '../helpers/fake-service.js';
import { openaiUpstream } from '../../src/upstream/openai.js';
import { bundledDemo } from '../../src/sites/demo-site.js';
import type { SiteConfig } from '../../src/sites/types.js';
import { scriptedModel, sentTypes, until, type Turn } from './scripted-model.js';

let gw: TestGateway | null = null;
let service: FakeService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

async function start(script: Turn[], o: { limits?: object; site?: (s: SiteConfig) => SiteConfig } = {}) {
  service = await scriptedModel(script);
  const demo = bundledDemo();
  const sites = o.site ? demo.sites.map(o.site) : demo.sites;
  gw = await startTestGateway({ upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }), ...demo, sites, limits: o.limits ?? {} });
  const client = await connectClient(`${gw.wsUrl}?site=demo`);
  const conn = await service.nextConnection();
  await conn.waitFor('session.update');
  await client.waitFor('session.created');
  return { client, conn, gw };
}

const outputs = (conn: ServiceConnection) =>
  conn.received.filter((e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output').map((e) => JSON.parse(e.item.output));
const creates = (conn: ServiceConnection) => conn.received.filter((e) => e.type === 'response.create');
const toolCall = (client: TestClient) => client.waitFor('gateway.tool_call');
const answer = (client: TestClient, callId: string, output: unknown) => client.send({ type: 'gateway.tool_result', call_id: callId, output });

describe('a client tool call', () => {
  it('reaches the page checked and resolved, and its result goes upstream before exactly one response.create', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'add_to_cart', args: { product_id: 'cloth-stormshell-jacket', options: { color: 'blue', size: 'medium' }, quantity: 2 } }] }]);
    askInText(client, 'add two of the medium blue ones');
    const call = await toolCall(client);
    expect(call).toMatchObject({
      name: 'add_to_cart',
      arguments: { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', quantity: 2, variant: 'Blue / M', name: 'Stormshell Rain Jacket', currency: 'USD' },
    });
    expect(call.arguments.path).toBe('/products/cloth-stormshell-jacket.html');
    expect(call.timeout_ms).toBe(8000);
    // The raw function-call events are the gateway's business.
    expect(client.events().some((e) => JSON.stringify(e).includes('"function_call"'))).toBe(false);
    expect(creates(conn)).toHaveLength(1);
    answer(client, call.call_id, { added: true, cart: { count: 2 } });
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(sentTypes(conn).slice(-2)).toEqual(['item:function_call_output', 'response.create']);
    expect(outputs(conn)[0]).toEqual({ added: { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', variant: 'Blue / M', name: 'Stormshell Rain Jacket', quantity: 2 }, result: { added: true, cart: { count: 2 } } });
    await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'done');
    expect(creates(conn)).toHaveLength(2);
  });

  it.each([
    ['a sold-out variant', { product_id: 'cloth-stormshell-jacket', options: { color: 'Red', size: 'M' } }, 'sold_out'],
    ['no variant chosen', { product_id: 'cloth-stormshell-jacket' }, 'choose_variant'],
    ['an unknown product', { product_id: 'tent-imaginary' }, 'unknown_product'],
    ['an unknown variant', { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-green-xl' }, 'unknown_variant'],
  ])('with %s is answered by the gateway; the page never hears of it', async (_, args, reason) => {
    const { client, conn } = await start([{ calls: [{ name: 'add_to_cart', args }] }]);
    askInText(client, 'add it');
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(outputs(conn)[0]).toMatchObject({ reason });
    if (reason === 'choose_variant') expect(outputs(conn)[0].options.map((o: { variant_id: string }) => o.variant_id)).not.toContain('cloth-stormshell-jacket-red-m');
    expect(client.events().filter((e) => e.type === 'gateway.tool_call')).toEqual([]);
  });

  it.each([
    ['quantity 0', { product_id: 'tent-basecamp-4', quantity: 0 }],
    ['quantity -1', { product_id: 'tent-basecamp-4', quantity: -1 }],
    ['quantity 10,000', { product_id: 'tent-basecamp-4', quantity: 10_000 }],
    ['a fractional quantity', { product_id: 'tent-basecamp-4', quantity: 1.5 }],
    ['a huge string', { product_id: 'x'.repeat(9000) }],
    ['a wrong type', { product_id: 42 }],
    ['an unknown argument', { product_id: 'tent-basecamp-4', price: 0 }],
  ])('with %s is refused by schema and bounds, never passed to the page', async (_, args) => {
    const { client, conn, gw } = await start([{ calls: [{ name: 'add_to_cart', args }] }]);
    askInText(client, 'add it');
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(outputs(conn)[0].error).toMatch(/invalid arguments|arguments are/);
    expect(client.events().filter((e) => e.type === 'gateway.tool_call')).toEqual([]);
    expect(gw.logs.some((l) => l.event === 'tool.refused' && l.fields.tool === 'add_to_cart')).toBe(true);
  });

  it.each([
    ['an id that is a path', { product_id: '../../etc/passwd' }, 'unknown_product'],
    ['an id that is a URL', { product_id: 'https://evil.example/x' }, 'unknown_product'],
    ['more than the shop allows at once', { product_id: 'tent-basecamp-4', quantity: 11 }, 'quantity'],
  ])('with %s is answered in words by the gateway, never passed to the page', async (_, args, reason) => {
    const { client, conn } = await start([{ calls: [{ name: 'add_to_cart', args }] }]);
    askInText(client, 'add it');
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(outputs(conn)[0]).toMatchObject({ reason });
    expect(client.events().filter((e) => e.type === 'gateway.tool_call')).toEqual([]);
  });

  it('that the page never answers ends in an error output the model can speak about, and the session goes on', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'add_to_cart', args: { product_id: 'tent-basecamp-4' } }] }], { limits: { clientToolTimeoutMs: 600 } });
    askInText(client, 'add the tent');
    const call = await toolCall(client);
    expect(call.timeout_ms).toBe(600);
    await until(() => expect(creates(conn)).toHaveLength(2), 3000);
    expect(outputs(conn)[0]).toMatchObject({ error: expect.stringMatching(/did not answer in time/), say: expect.stringMatching(/button/) });
    expect((await client.waitFor('gateway.error')).code).toBe('tool_timeout');
    // Late is too late: the answer is refused and nothing more goes upstream.
    answer(client, call.call_id, { added: true });
    expect((await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'tool_call_unknown')).message).toMatch(/already answered or timed out/);
    expect(outputs(conn)).toHaveLength(1);
  });

  it('answered with an error, nothing, or too much gives the model a bounded error output and the shopper a notice', async () => {
    const { client, conn } = await start([
      { calls: [{ name: 'get_cart', args: {} }] },
      { text: 'a' },
      { calls: [{ name: 'get_cart', args: {} }] },
      { text: 'b' },
      { calls: [{ name: 'get_cart', args: {} }] },
    ]);
    askInText(client, 'what is in my cart');
    client.send({ type: 'gateway.tool_result', call_id: (await toolCall(client)).call_id, error: 'TypeError: cart is undefined' });
    await until(() => expect(outputs(conn)).toHaveLength(1));
    expect(outputs(conn)[0].error).toMatch(/cart is undefined/);

    askInText(client, 'and now');
    await until(() => expect(client.events().filter((e) => e.type === 'gateway.tool_call')).toHaveLength(2));
    client.send({ type: 'gateway.tool_result', call_id: client.events().filter((e) => e.type === 'gateway.tool_call')[1]!.call_id });
    await until(() => expect(outputs(conn)).toHaveLength(2));
    expect(outputs(conn)[1].error).toMatch(/returned nothing/);
    expect(client.events().some((e) => e.type === 'gateway.error' && e.code === 'tool_result_invalid')).toBe(true);

    askInText(client, 'once more');
    await until(() => expect(client.events().filter((e) => e.type === 'gateway.tool_call')).toHaveLength(3));
    answer(client, client.events().filter((e) => e.type === 'gateway.tool_call')[2]!.call_id, { items: 'x'.repeat(20_000) });
    await until(() => expect(outputs(conn)).toHaveLength(3));
    expect(outputs(conn)[2].error).toMatch(/too much/);
    expect(JSON.stringify(outputs(conn)[2]).length).toBeLessThan(300);
    expect(client.events().some((e) => e.type === 'gateway.error' && e.code === 'tool_result_too_large')).toBe(true);
    expect(client.ws.readyState).toBe(1);
  });

  it('refuses a forged result: a call id never issued, one answered already, or one of another session', async () => {
    const { client, conn, gw } = await start([{ calls: [{ name: 'get_cart', args: {} }] }]);
    const other = await connectClient(`${gw.wsUrl}?site=demo`);
    await other.waitFor('session.created');
    answer(client, 'call_never_issued', { items: [] });
    expect((await client.waitFor('gateway.error')).code).toBe('tool_call_unknown');
    askInText(client, 'what is in my cart');
    const call = await toolCall(client);
    answer(other, call.call_id, { items: [{ product_id: 'forged', quantity: 9 }] });
    expect((await other.waitFor('gateway.error')).code).toBe('tool_call_unknown');
    answer(client, call.call_id, { items: [] });
    answer(client, call.call_id, { items: [{ product_id: 'twice', quantity: 1 }] });
    await until(() => expect(client.events().filter((e) => e.type === 'gateway.error' && e.code === 'tool_call_unknown')).toHaveLength(2));
    expect(outputs(conn)).toEqual([{ cart: { items: [] } }]);
    other.close();
  });

  it('mixed with a server tool in one response: both outputs, then one response.create', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'search_products', args: { query: 'stove' } }, { name: 'show_product', args: { product_id: 'tent-basecamp-4' } }] }]);
    askInText(client, 'show me the tent and find a stove');
    const call = await toolCall(client);
    expect(call.arguments).toMatchObject({ product_id: 'tent-basecamp-4', name: 'Basecamp 4 Family Dome Tent', path: '/products/tent-basecamp-4.html' });
    expect(creates(conn)).toHaveLength(1);
    answer(client, call.call_id, { shown: true });
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(sentTypes(conn).slice(-3)).toEqual(['item:function_call_output', 'item:function_call_output', 'response.create']);
    expect(outputs(conn)[0].results.length).toBeGreaterThan(0);
    expect(outputs(conn)[1]).toEqual({ shown: { product_id: 'tent-basecamp-4', name: 'Basecamp 4 Family Dome Tent' } });
  });
});

describe('a page that goes away with a call waiting', () => {
  it('is waited for while it is gone: the call is replayed when it comes back, and its answer counts', async () => {
    const { client, conn, gw } = await start([{ silent: true }], { limits: { clientToolTimeoutMs: 600 } });
    const hello = client.events().find((e) => e.type === 'gateway.session')!;
    // The model's call goes out just as the page navigates away (a dropped socket, not a goodbye).
    client.ws.terminate();
    await client.closed;
    await new Promise((r) => setTimeout(r, 100));
    const { sendResponse } = await import('./scripted-model.js');
    sendResponse(conn, { calls: [{ name: 'get_cart', args: {} }] });
    // Longer than the page's time to answer: it is not given up on while no page is there.
    await new Promise((r) => setTimeout(r, 900));
    expect(outputs(conn)).toEqual([]);
    const back = await connectClient(`${gw.wsUrl}?site=demo&resume=${encodeURIComponent(hello.resume_token)}&last_seq=0&audio_after=0`);
    const call = await toolCall(back);
    answer(back, call.call_id, { items: [] });
    await until(() => expect(outputs(conn)).toEqual([{ cart: { items: [] } }]));
    back.close();
  });
});

describe('a slow tool round', () => {
  it('gets one holding line after the delay, out of the conversation, and the answer waits for it to end', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'get_cart', args: {} }] }], { limits: { toolHoldingLineMs: 200 } });
    askInText(client, 'what is in my cart');
    const call = await toolCall(client);
    const holding = await until(() => {
      const h = creates(conn).find((e) => e.response?.metadata?.gateway === 'holding');
      expect(h).toBeDefined();
      return h!;
    });
    expect(holding.response).toMatchObject({ conversation: 'none', tool_choice: 'none', output_modalities: ['text'] });
    await client.waitFor((e) => e.type === 'response.output_text.done' && e.text === 'One moment.');
    await new Promise((r) => setTimeout(r, 300));
    expect(creates(conn).filter((e) => e.response?.metadata?.gateway === 'holding')).toHaveLength(1);
    answer(client, call.call_id, { items: [] });
    await until(() => expect(creates(conn)).toHaveLength(3));
    expect(sentTypes(conn).slice(-2)).toEqual(['item:function_call_output', 'response.create']);
  });

  it('that answers within the delay gets no holding line', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'get_cart', args: {} }] }], { limits: { toolHoldingLineMs: 2000 } });
    askInText(client, 'what is in my cart');
    answer(client, (await toolCall(client)).call_id, { items: [] });
    await until(() => expect(creates(conn)).toHaveLength(2));
    expect(creates(conn).some((e) => e.response?.metadata?.gateway === 'holding')).toBe(false);
  });
});

describe('Undo of an assistant add', () => {
  it('tells the model once, in a labelled note hidden from the client; a second Undo or an unknown call is refused', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'add_to_cart', args: { product_id: 'tent-basecamp-4', quantity: 1 } }] }]);
    askInText(client, 'add the basecamp 4');
    const call = await toolCall(client);
    answer(client, call.call_id, { added: true });
    await until(() => expect(creates(conn)).toHaveLength(2));
    client.send({ type: 'gateway.undo', call_id: call.call_id });
    const note = await until(() => {
      const n = conn.received.find((e) => e.type === 'conversation.item.create' && e.item.content?.[0]?.text?.startsWith('Shop event'));
      expect(n).toBeDefined();
      return n!;
    });
    expect(note.item.content[0].text).toMatch(/Undo.*1 × Basecamp 4 Family Dome Tent.*tent-basecamp-4/);
    expect(creates(conn)).toHaveLength(2);
    client.send({ type: 'gateway.undo', call_id: call.call_id });
    client.send({ type: 'gateway.undo', call_id: 'call_made_up' });
    await until(() => expect(client.events().filter((e) => e.type === 'gateway.error' && e.code === 'tool_call_unknown')).toHaveLength(2));
  });
});

describe("a site's own client tool", () => {
  const withTools = (s: SiteConfig): SiteConfig => ({
    ...s,
    clientTools: [
      { name: 'open_size_guide', description: 'Open the size guide.', parameters: { type: 'object', properties: { product_id: { type: 'string', maxLength: 100 } }, required: ['product_id'] }, after: 'wait', timeoutMs: 3000 },
    ],
  });

  it('is declared to the model, its arguments checked, and with after "wait" the model is not asked to speak', async () => {
    const { client, conn } = await start([{ calls: [{ name: 'open_size_guide', args: { product_id: 'boot-timberline-gtx' } }] }], { site: withTools });
    expect((await conn.waitFor('session.update')).session.tools.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining(['search_products', 'add_to_cart', 'remove_from_cart', 'get_cart', 'show_product', 'open_size_guide']),
    );
    askInText(client, 'size guide please');
    const call = await toolCall(client);
    expect(call).toMatchObject({ name: 'open_size_guide', arguments: { product_id: 'boot-timberline-gtx' }, timeout_ms: 3000 });
    answer(client, call.call_id, { opened: true });
    await until(() => expect(outputs(conn)).toEqual([{ result: { opened: true } }]));
    await new Promise((r) => setTimeout(r, 300));
    expect(creates(conn)).toHaveLength(1);
  });

  it('is not declared when the site turns the shop actions off', async () => {
    const { conn } = await start([], { site: (s) => ({ ...s, actions: { cart: false, navigate: false, maxQuantity: 10 } }) });
    const names = (await conn.waitFor('session.update')).session.tools.map((t: { name: string }) => t.name);
    expect(names).not.toContain('add_to_cart');
    expect(names).not.toContain('show_product');
  });
});
