/**
 * A React shop's voice panel, written against the installed tarballs and the
 * registry's react, @types/react and @nanostores/react only. The
 * `@ts-expect-error` lines fail the check if the widget's types are `any`
 * or its events untyped: the line would compile and the directive be unused.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from '@nanostores/react';
import { createVoiceAssistant, type ChatMessage, type ConnectionState, type ProductCard } from '@contoso-voice/widget';

interface Cart {
  add(productId: string, quantity: number, price: number): void;
}

export function VoicePanel({ cart }: { cart: Cart }) {
  const corner = useRef<HTMLDivElement>(null);
  const assistant = useMemo(() => createVoiceAssistant({ gateway: 'https://shop.example/voice', site: 'acme', getToken: fetchVoiceToken }), []);
  const connection: ConnectionState = useStore(assistant.$connection);
  const messages: ChatMessage[] = useStore(assistant.$messages);
  const products: ProductCard[] = useStore(assistant.$products);

  useEffect(() => {
    assistant.mount(corner.current!);
    const off = assistant.on('add_to_cart', ({ productId, quantity, product }) => cart.add(productId, quantity, product.price));
    return () => {
      off();
      assistant.destroy();
    };
  }, [assistant, cart]);

  return (
    <aside aria-label="Voice assistant">
      <p>{connection === 'open' ? 'Ask away' : connection}</p>
      <ol>{messages.map((m) => <li key={m.id}>{m.role}: {m.text}</li>)}</ol>
      <p>{products.length} products suggested</p>
      <div ref={corner} />
    </aside>
  );
}

/** The shop's backend mints the token (publicTokens: false); the widget asks before every connect. */
async function fetchVoiceToken(): Promise<{ token: string }> {
  const res = await fetch('/voice-token', { method: 'POST' });
  return (await res.json()) as { token: string };
}

export function Mistakes() {
  const assistant = createVoiceAssistant({ gateway: 'https://shop.example/voice' });
  // @ts-expect-error no such event: a typo in an event name does not compile
  assistant.on('add_to_krat', () => {});
  // @ts-expect-error add_to_cart's detail has no such field
  assistant.on('add_to_cart', ({ sku }) => sku);
  // @ts-expect-error useStore gives the atom's own type: a connection state is one of its names
  const exploded: 'exploded' = useStore(assistant.$connection);
  // @ts-expect-error getToken gives a token, not a number
  createVoiceAssistant({ gateway: 'https://shop.example/voice', getToken: () => 42 });
  return exploded;
}
