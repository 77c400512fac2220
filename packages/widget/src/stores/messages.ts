import type { CartLine, ProductCard } from '@contoso-voice/protocol';
import { persistedAtom } from './persisted.js';
import { beforeWaitingCards } from './products.js';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** From a voice turn rather than typed. */
  voice?: boolean;
  /** Still streaming. */
  partial?: boolean;
  /** Typed while there was no session: shown as not sent yet until it goes. */
  pending?: boolean;
  products?: ProductCard[];
  /** Cards that came before their answer, waiting for it (stores/products.ts). */
  waiting?: boolean;
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
      if (!update(id, (m) => ({ ...m, text: m.text + delta, partial: true }))) {
        const message: ChatMessage = { id, role, text: delta, partial: true, voice };
        set(role === 'assistant' ? beforeWaitingCards($messages.get(), message) : [...$messages.get(), message]);
      }
    },
    /**
     * A voice turn's place, from its commit or its item, whichever comes first: made once, right after the item it
     * follows, so a transcript that arrives late still shows above the answer; a later sighting (a replay after a
     * reconnect) fills in a transcript but never blanks one the deltas built.
     */
    voiceTurn(id: string, transcript?: string | null, previousId?: string | null) {
      if (update(id, (m) => (transcript ? { ...m, text: transcript, partial: false } : m))) return;
      const list = $messages.get();
      const after = previousId ? list.findIndex((m) => m.id === previousId) + 1 : 0;
      const turn: ChatMessage = { id, role: 'user', text: transcript ?? '', voice: true, partial: !transcript };
      set(after > 0 ? [...list.slice(0, after), turn, ...list.slice(after)] : [...list, turn]);
    },
    /** A typed message that waited for the session has gone. */
    sent(id: string) {
      update(id, ({ pending, ...m }) => m);
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
      set([...$messages.get(), { id: `cards_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`, role: 'assistant', text: '', products, waiting: true }]);
    },
    clear: () => $messages.set([]),
  };
}

export type MessagesStore = ReturnType<typeof createMessagesStore>;
