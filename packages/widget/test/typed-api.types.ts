/**
 * Type-level tests of the public API: `npm run typecheck` (tsc over the
 * repository's tsconfig.json, which includes packages/*\/test) compiles this
 * file and fails if a `@ts-expect-error` line below stops being an error. It
 * is never run: vitest only picks up *.test.ts.
 */
import { createVoiceAssistant, type ConnectionState, type VoiceEvents } from '../src/index.js';
import { createVoiceClient, type ClientOptions } from '../src/headless.js';
import type { CartLine, ErrorCode, ProductCard } from '@contoso-voice/protocol';

declare const cart: { add(id: string, quantity: number): void };
const assistant = createVoiceAssistant({ gateway: 'https://shop.example/voice', site: 'demo' });

// Event names and their details are typed.
assistant.on('add_to_cart', ({ productId, quantity, product }) => cart.add(productId, quantity + product.price));
assistant.on('products', (cards) => cards.map((c) => c.name.toUpperCase()));
assistant.on('error', ({ code, message }) => {
  const known: ErrorCode = code;
  return [known, message.length];
});
assistant.on('interrupted', (d) => d.playedSamples <= d.receivedSamples && d.audioEndMs >= 0);
assistant.on('event', (e) => e.type.startsWith('response.'));
assistant.on('open', () => {});
const off: () => void = assistant.on('close', () => {});
off();

// @ts-expect-error: no such event
assistant.on('add_to_krat', () => {});
// @ts-expect-error: a detail field that does not exist
assistant.on('add_to_cart', (d) => d.this.is.not.checked);
// @ts-expect-error: quantity is a number
assistant.on('add_to_cart', (d) => d.quantity.toUpperCase());
// @ts-expect-error: the code is the gateway's union, not any string
assistant.on('error', ({ code }) => code === 'no_such_code');
// @ts-expect-error: products gives cards, not one card
assistant.on('products', (cards) => cards.name);

// The atoms are typed.
const state: ConnectionState = assistant.$connection.get();
const cards: ProductCard[] = assistant.$products.get();
const open: boolean = assistant.$open.get();
const notice: string | null = assistant.$notice.get();
void [state, cards, open, notice];
// @ts-expect-error: a connection state is one of its names
assistant.$connection.set('exploded');
// @ts-expect-error: $messages holds messages, not strings
assistant.$messages.set(['hello']);

// The options are typed, getToken included.
const options: ClientOptions = { gateway: 'https://shop.example/voice', getToken: async () => (await fetch('/token')).json() as Promise<{ token: string }> };
createVoiceClient(options).on('products', (c) => c.length);
createVoiceClient({ gateway: 'https://voice.example.com', getToken: () => 'v1.token' });
// @ts-expect-error: getToken gives a token, not a number
createVoiceClient({ gateway: 'https://voice.example.com', getToken: () => 42 });
// @ts-expect-error: the gateway is required
createVoiceClient({ site: 'demo' });
// @ts-expect-error: no such option
createVoiceClient({ gateway: 'https://voice.example.com', gatway: 'typo' });

// The event map is exported for a shop's own wrappers.
type CartDetail = VoiceEvents['add_to_cart'];
const detail: CartDetail = { productId: 'tent', quantity: 1, product: cards[0]!, source: 'card' };
void detail;

// Client tools: the built-ins' arguments and results are typed; a site's own tool takes any JSON.
const offAdd: () => void = assistant.registerTool('add_to_cart', async (line: CartLine, call) => {
  cart.add(line.variant_id ?? line.product_id, line.quantity);
  return { added: true, cart: { items: [call.callId] } };
});
offAdd();
assistant.registerTool('get_cart', () => ({ items: [{ product_id: 'tent', quantity: 1 }] }));
assistant.registerTool('show_product', ({ path, url }) => ({ shown: !!(path ?? url) }));
assistant.registerTool('order_status', (args, { name }) => ({ name, order: String(args.order_id) }));
createVoiceClient(options).registerTool('remove_from_cart', ({ product_id, quantity }) => ({ removed: product_id.length > (quantity ?? 0) }));
// @ts-expect-error: add_to_cart's line has a quantity that is a number
assistant.registerTool('add_to_cart', (line) => line.quantity.toUpperCase());
// @ts-expect-error: get_cart must give items
assistant.registerTool('get_cart', () => ({ count: 3 }));
assistant.on('tool_call', ({ callId, name, error }) => [callId, name, error?.length]);
assistant.on('remove_from_cart', ({ productId, variantId }) => [productId, variantId]);
