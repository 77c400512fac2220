import { describe, expect, it, vi } from 'vitest';
import { createLocalEngine } from './engine.js';
import { holdingLine } from './holding.js';

// What the gateway's tools answer, in the shapes of the issue #14 contract.
const basecamp = { id: 'tent-basecamp-4', name: 'Basecamp 4 Family Dome Tent', price: 349, currency: 'USD', availability: 'in_stock', description: 'A roomy dome.' };
const ridgeline = { id: 'tent-ridgeline-2', name: 'Ridgeline 2 Ultralight Tent', price: 299, currency: 'USD', availability: 'in_stock', description: 'Light.' };
const jacketVariants = ['Blue', 'Red'].flatMap((color) =>
  ['S', 'M', 'L'].map((size) => ({ id: `cloth-stormshell-jacket-${color}-${size}`.toLowerCase(), color, size, price: 189, availability: color === 'Red' && size === 'M' ? 'out_of_stock' : 'in_stock' })),
);
const jacket = { id: 'cloth-stormshell-jacket', name: 'Stormshell Rain Jacket', price: 189, currency: 'USD', availability: 'in_stock', description: 'A shell.', variants: jacketVariants };
const SHOP_TOOLS = ['search_products', 'get_product', 'get_store_policy', 'add_to_cart', 'remove_from_cart', 'get_cart', 'show_product'];

type Ev = Record<string, any>;

function harness({ tools = SHOP_TOOLS, instructions = 'You are the shopping assistant of Contoso Outdoor (a shop).', tickMs = 0 } = {}) {
  const events: Ev[] = [];
  const engine = createLocalEngine({ emit: (e) => events.push(e), emitAudio: () => {}, tickMs });
  engine.handle({ type: 'session.update', session: { output_modalities: ['text'], instructions, tools: tools.map((name) => ({ type: 'function', name, description: '', parameters: { type: 'object', properties: {} } })) } });
  const waitForDone = async (id: string) => {
    for (let i = 0; ; i++) {
      const done = events.find((e) => e.type === 'response.done' && e.response.id === id);
      if (done) return done.response;
      if (i > 500) throw new Error('no response.done');
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  let lastCalls: { name: string; call_id: string; args: Ev }[] = [];
  return {
    engine,
    events,
    user(text: string) {
      engine.handle({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
    },
    /** One response: its function calls (arguments parsed) or its text. */
    async respond(response?: Ev) {
      const from = events.length;
      engine.handle(response ? { type: 'response.create', response } : { type: 'response.create' });
      const created = events.slice(from).find((e) => e.type === 'response.created');
      if (!created) throw new Error(`no response: ${JSON.stringify(events.slice(from))}`);
      const done = await waitForDone(created.response.id);
      const calls: { name: string; call_id: string; args: Ev }[] = done.output.filter((i: Ev) => i.type === 'function_call').map((i: Ev) => ({ name: i.name, call_id: i.call_id, args: JSON.parse(i.arguments) }));
      lastCalls = calls;
      const text: string = done.output.filter((i: Ev) => i.type === 'message').map((i: Ev) => i.content[0].text).join('');
      return { calls, text, done };
    },
    /** The gateway's answer to the last call of the last response. */
    answer(output: unknown) {
      engine.handle({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: lastCalls.at(-1)!.call_id, output: JSON.stringify(output) } });
    },
  };
}

/** A finished turn that showed these products, as a shopper's earlier search leaves it. */
async function afterSearch(h: ReturnType<typeof harness>, text: string, results: unknown[]) {
  h.user(text);
  await h.respond();
  h.answer({ results, count: results.length });
  await h.respond();
}

describe('the local engine does shop actions in text', () => {
  it('adds a named product in two rounds: a search, then add_to_cart with the best result', async () => {
    const h = harness();
    h.user('add the Basecamp 4 tent to my cart');
    const first = await h.respond();
    expect(first.calls.map((c) => [c.name, c.args])).toEqual([['search_products', { query: 'basecamp 4 tent' }]]);
    h.answer({ results: [basecamp, ridgeline], count: 2 });
    const second = await h.respond();
    expect(second.calls.map((c) => [c.name, c.args])).toEqual([['add_to_cart', { product_id: 'tent-basecamp-4', quantity: 1 }]]);
    h.answer({ added: { product_id: 'tent-basecamp-4', name: basecamp.name, quantity: 1 }, result: { ok: true } });
    expect((await h.respond()).text).toBe("I've added the Basecamp 4 Family Dome Tent to your cart.");
  });

  it('adds "two of the medium blue ones" from the products just shown, naming the one variant that fits', async () => {
    const h = harness();
    await afterSearch(h, 'a rain jacket', [jacket]);
    h.user('add two of the medium blue ones');
    const { calls } = await h.respond();
    expect(calls.map((c) => [c.name, c.args])).toEqual([['add_to_cart', { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', quantity: 2 }]]);
  });

  it('asks which variant when the gateway says choose_variant, then adds "the blue one in medium" with the earlier quantity', async () => {
    const h = harness();
    await afterSearch(h, 'a rain jacket', [jacket, basecamp]);
    h.user('add two of those');
    const first = await h.respond();
    expect(first.calls.map((c) => [c.name, c.args])).toEqual([['add_to_cart', { product_id: 'cloth-stormshell-jacket', quantity: 2 }]]);
    const options = jacketVariants.map(({ id, color, size, availability }) => ({ variant_id: id, color, size, availability }));
    h.answer({ error: 'choose a variant', reason: 'choose_variant', product: { id: jacket.id, name: jacket.name }, options });
    expect((await h.respond()).text).toBe('Which one would you like? It comes in Blue / S, Blue / M, Blue / L, Red / S, Red / M (sold out) and Red / L.');
    h.user('the blue one in medium');
    const again = await h.respond();
    expect(again.calls.map((c) => [c.name, c.args])).toEqual([['add_to_cart', { product_id: 'cloth-stormshell-jacket', variant_id: 'cloth-stormshell-jacket-blue-m', quantity: 2 }]]);
    h.answer({ added: { product_id: jacket.id, variant_id: 'cloth-stormshell-jacket-blue-m', name: jacket.name, variant: 'Blue / M', quantity: 2 }, result: {} });
    expect((await h.respond()).text).toBe("I've added 2 × Stormshell Rain Jacket (Blue / M) to your cart.");
  });

  it('refuses a sold-out variant in words, naming it', async () => {
    const h = harness();
    await afterSearch(h, 'I need a rain jacket', [jacket]);
    h.user('add a red one in medium');
    expect((await h.respond()).calls.map((c) => [c.name, c.args])).toEqual([['add_to_cart', { product_id: jacket.id, variant_id: 'cloth-stormshell-jacket-red-m', quantity: 1 }]]);
    h.answer({ error: 'that variant is sold out', reason: 'sold_out', product: { id: jacket.id, name: jacket.name } });
    expect((await h.respond()).text).toBe("Sorry, the Stormshell Rain Jacket in Red / M is sold out, so I haven't added it.");
  });

  it('says so when the named product is not in the catalog', async () => {
    const h = harness();
    h.user('add the Zeppelin 9 to my cart');
    expect((await h.respond()).calls.map((c) => [c.name, c.args])).toEqual([['search_products', { query: 'zeppelin 9' }]]);
    h.answer({ results: [], count: 0 });
    const { calls, text } = await h.respond();
    expect(calls).toEqual([]);
    expect(text).toBe('I couldn\'t find "zeppelin 9" in our catalog. Could you tell me its name another way?');
  });

  it('answers the shopper, not the note the gateway adds when Undo is pressed', async () => {
    const h = harness();
    h.user("what's in my cart?");
    h.engine.handle({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: "Shop event (from the shopper's page, not instructions): the shopper pressed Undo." }] } });
    expect((await h.respond()).calls.map((c) => c.name)).toEqual(['get_cart']);
  });

  it('takes the shopper to the product just shown', async () => {
    const h = harness();
    await afterSearch(h, 'a family tent', [basecamp, ridgeline]);
    h.user('take me to it');
    const { calls } = await h.respond();
    expect(calls.map((c) => [c.name, c.args])).toEqual([['show_product', { product_id: 'tent-basecamp-4' }]]);
    h.answer({ shown: { product_id: basecamp.id, name: basecamp.name } });
    expect((await h.respond()).text).toBe('Here is the Basecamp 4 Family Dome Tent.');
  });

  it('reads the cart, and removes "the stove" from it: one round when the cart is already known', async () => {
    const h = harness();
    h.user("what's in my cart?");
    expect((await h.respond()).calls.map((c) => [c.name, c.args])).toEqual([['get_cart', {}]]);
    const cart = { items: [{ product_id: 'tent-basecamp-4', name: basecamp.name, quantity: 1 }, { product_id: 'stove-pocket', name: 'Pocket Canister Stove', quantity: 1 }] };
    h.answer({ cart });
    expect((await h.respond()).text).toBe('Your cart has 1 × Basecamp 4 Family Dome Tent and 1 × Pocket Canister Stove.');
    h.user('remove the stove');
    expect((await h.respond()).calls.map((c) => [c.name, c.args])).toEqual([['remove_from_cart', { product_id: 'stove-pocket' }]]);
    h.answer({ removed: { product_id: 'stove-pocket', name: 'Pocket Canister Stove' }, result: {} });
    expect((await h.respond()).text).toBe("I've removed the Pocket Canister Stove from your cart.");
  });

  it('reads the cart first when it has not seen it, then removes the line that matches', async () => {
    const h = harness();
    h.user('remove the stove');
    expect((await h.respond()).calls.map((c) => c.name)).toEqual(['get_cart']);
    h.answer({ cart: { items: [{ product_id: 'tent-basecamp-4', name: basecamp.name, quantity: 1 }, { product_id: 'stove-pocket', variant_id: 'stove-pocket-std', name: 'Pocket Canister Stove', quantity: 2 }] } });
    expect((await h.respond()).calls.map((c) => [c.name, c.args])).toEqual([['remove_from_cart', { product_id: 'stove-pocket', variant_id: 'stove-pocket-std' }]]);
  });

  it('says it cannot when the site did not declare the shop tools', async () => {
    const h = harness({ tools: ['search_products', 'get_product'] });
    await afterSearch(h, 'a family tent', [basecamp]);
    h.user('add it to my cart');
    const { calls, text } = await h.respond();
    expect(calls).toEqual([]);
    expect(text).toMatch(/^I can't add things to your cart here/);
  });
});

// A German kitchenware shop: the catalog's option values are German.
const panVariants = ['Blau', 'Rot', 'Creme'].flatMap((color) =>
  ['24 cm', '28 cm'].map((size) => ({ id: `pan-robust-${color}-${size.replace(' ', '')}`.toLowerCase(), color, size, price: 79, availability: 'in_stock' })),
);
const pan = { id: 'pan-robust', name: 'Gusseisenpfanne Robust', price: 79, currency: 'EUR', availability: 'in_stock', description: 'Gusseisen.', variants: panVariants };
const kochhaus = 'You are the shopping assistant of Kochhaus (a shop).';
const callsOf = (r: { calls: { name: string; args: Ev }[] }) => r.calls.map((c) => [c.name, c.args]);

describe('the local engine reads colours and sizes a catalog writes in its own words', () => {
  it('matches "blue", "red" and "cream" to the values Blau, Rot and Creme', async () => {
    const cases: [string, Ev][] = [
      ['add two of the blue ones', { options: { color: 'Blau' }, quantity: 2 }],
      ['add it in red', { options: { color: 'Rot' }, quantity: 1 }],
      ['add the cream one in 24 cm', { variant_id: 'pan-robust-creme-24cm', quantity: 1 }],
    ];
    for (const [text, args] of cases) {
      const h = harness({ instructions: kochhaus });
      await afterSearch(h, 'eine Pfanne', [pan]);
      h.user(text);
      expect(callsOf(await h.respond())).toEqual([['add_to_cart', { product_id: pan.id, ...args }]]);
    }
  });

  it('reads "in 28 cm" as the size, not as part of the name to search for', async () => {
    const h = harness({ instructions: kochhaus });
    h.user('add the Gusseisenpfanne Robust in 28 cm');
    expect(callsOf(await h.respond())).toEqual([['search_products', { query: 'gusseisenpfanne robust' }]]);
    h.answer({ results: [pan], count: 1 });
    expect(callsOf(await h.respond())).toEqual([['add_to_cart', { product_id: pan.id, options: { size: '28 cm' }, quantity: 1 }]]);
    const again = harness({ instructions: kochhaus });
    await afterSearch(again, 'eine Pfanne', [pan]);
    again.user('add the red 28 cm one');
    expect(callsOf(await again.respond())).toEqual([['add_to_cart', { product_id: pan.id, variant_id: 'pan-robust-rot-28cm', quantity: 1 }]]);
  });

  it('takes a bare "28", "28 cm" or "the 28 cm one" after "which size?" as the choice, with the quantity asked for', async () => {
    for (const answer of ['28', '28 cm', '28cm', 'the 28 cm one']) {
      const h = harness({ instructions: kochhaus });
      await afterSearch(h, 'eine Pfanne', [pan]);
      h.user('add two in red');
      expect(callsOf(await h.respond())).toEqual([['add_to_cart', { product_id: pan.id, options: { color: 'Rot' }, quantity: 2 }]]);
      const options = panVariants.filter((v) => v.color === 'Rot').map(({ id, color, size, availability }) => ({ variant_id: id, color, size, availability }));
      h.answer({ error: 'choose a variant', reason: 'choose_variant', product: { id: pan.id, name: pan.name }, options });
      expect((await h.respond()).text).toBe('Which size would you like: 24 cm or 28 cm?');
      h.user(answer);
      expect(callsOf(await h.respond())).toEqual([['add_to_cart', { product_id: pan.id, variant_id: 'pan-robust-rot-28cm', quantity: 2 }]]);
    }
  });
});

describe('the local engine removes as much as the shopper said', () => {
  it('removes one for "one of the", and the whole line for "the"', async () => {
    const h = harness({ instructions: kochhaus });
    h.user("what's in my cart?");
    await h.respond();
    h.answer({ cart: { items: [{ product_id: pan.id, variant_id: 'pan-robust-rot-28cm', name: pan.name, quantity: 3 }, { product_id: 'stove-pocket', name: 'Pocket Canister Stove', quantity: 2 }] } });
    await h.respond();
    h.user('remove one of the Gusseisenpfanne Robust');
    expect(callsOf(await h.respond())).toEqual([['remove_from_cart', { product_id: pan.id, variant_id: 'pan-robust-rot-28cm', quantity: 1 }]]);
    h.answer({ removed: { product_id: pan.id, name: pan.name, quantity: 1 }, result: {} });
    expect((await h.respond()).text).toBe("I've removed the Gusseisenpfanne Robust from your cart.");
    h.user('remove a stove');
    expect(callsOf(await h.respond())).toEqual([['remove_from_cart', { product_id: 'stove-pocket', quantity: 1 }]]);
    h.answer({ removed: { product_id: 'stove-pocket', quantity: 1 }, result: {} });
    await h.respond();
    h.user('remove the Gusseisenpfanne Robust');
    expect(callsOf(await h.respond())).toEqual([['remove_from_cart', { product_id: pan.id, variant_id: 'pan-robust-rot-28cm' }]]);
  });
});

describe('the holding line', () => {
  it('is said in the shop\'s language', () => {
    expect(['en', 'de-DE', 'fr', 'es', 'it'].map(holdingLine)).toEqual(['One moment, let me check that.', 'Einen Moment, ich sehe kurz nach.', 'Un instant, je vérifie.', 'Un momento, lo compruebo.', 'One moment, let me check that.']);
  });

  const holding = { conversation: 'none', metadata: { gateway: 'holding' }, tool_choice: 'none', max_output_tokens: 60, output_modalities: ['text'], instructions: 'Say one short sentence that you are checking.' };

  it('is a short line in the shop language, out of band, and leaves the conversation as it was', async () => {
    const h = harness({ instructions: "You are the shopping assistant of Bergladen (a shop). Answer in German; the shop's own language is de." });
    h.user('add the Basecamp 4 tent to my cart');
    await h.respond();
    const before = h.engine.inspect().items.length;
    const { text, done, calls } = await h.respond(holding);
    expect(calls).toEqual([]);
    expect(text).toBe('Einen Moment, ich sehe kurz nach.');
    expect(done.metadata).toEqual({ gateway: 'holding' });
    expect(done.conversation_id).toBeNull();
    expect(h.engine.inspect().items.length).toBe(before);
    expect(h.events.filter((e) => e.type.startsWith('conversation.item.') && e.item?.content?.[0]?.text === text)).toEqual([]);
  });

  it('does not hold up the answer: the next response may start while it is still being said', async () => {
    const h = harness({ tickMs: 20 });
    h.user('add the Basecamp 4 tent to my cart');
    await h.respond();
    h.engine.handle({ type: 'response.create', response: holding });
    h.answer({ results: [basecamp], count: 1 });
    const answer = await h.respond();
    expect(h.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(answer.calls.map((c) => c.name)).toEqual(['add_to_cart']);
    const holdingDone = () => h.events.find((e) => e.type === 'response.done' && e.response.metadata?.gateway === 'holding');
    expect(holdingDone()).toBeUndefined();
    await vi.waitFor(() => expect(holdingDone()?.response.output[0].content[0].text).toBe('One moment, let me check that.'));
  });
});
