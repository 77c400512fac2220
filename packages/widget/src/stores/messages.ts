import type { CartLine, ProductCard } from '@contoso-voice/protocol';
import { persistedAtom } from './persisted.js';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** From a voice turn rather than typed. */
  voice?: boolean;
  /** Still streaming. */
  partial?: boolean;
  products?: ProductCard[];
  /** A confirmation card: what the assistant put in the cart (add_to_cart's call), and whether the shopper undid it. */
  added?: { callId: string; line: CartLine; undone?: boolean };
}

const MAX_KEPT = 100;

export function createMessagesStore(site: string) {
  const $messages = persistedAtom<ChatMessage[]>(`contoso-voice:${site}:transcript`, []);
  const set = (next: ChatMessage[]) => $messages.set(next.slice(-MAX_KEPT));
  const update = (id: string, change: (m: ChatMessage) => ChatMessage) => {
    const list = $messages.get();
    const i = list.findIndex((m) => m.id === id);
    if (i >= 0) set([...list.slice(0, i), change(list[i]!), ...list.slice(i + 1)]);
    return i >= 0;
  };
  return {
    $messages,
    add(message: ChatMessage) {
      if (!update(message.id, (m) => ({ ...m, ...message }))) set([...$messages.get(), message]);
    },
    /** Appends a streamed delta, creating the message on its first delta. */
    append(id: string, role: ChatMessage['role'], delta: string, voice?: boolean) {
      if (!update(id, (m) => ({ ...m, text: m.text + delta, partial: true }))) set([...$messages.get(), { id, role, text: delta, partial: true, voice }]);
    },
    /** The final text of a message, replacing what the deltas built. */
    finish(id: string, text?: string) {
      update(id, (m) => ({ ...m, text: text ?? m.text, partial: false }));
    },
    /** A server id for the newest local message with this text: the gateway echoes typed messages without our id. */
    adopt(text: string, serverId: string) {
      const mine = [...$messages.get()].reverse().find((m) => m.role === 'user' && m.id.startsWith('local_') && m.text === text);
      if (mine) update(mine.id, (m) => ({ ...m, id: serverId }));
      return !!mine;
    },
    attachProducts(products: ProductCard[]) {
      set([...$messages.get(), { id: `cards_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`, role: 'assistant', text: '', products }]);
    },
    clear: () => $messages.set([]),
  };
}

export type MessagesStore = ReturnType<typeof createMessagesStore>;
