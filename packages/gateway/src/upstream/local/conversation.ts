/**
 * The local engine's conversation: the items in order, as the service keeps
 * them. Exposed read-only through inspect() so tests can check what the
 * model was told, not only what it said.
 */
import { CONTEXT_LABEL } from '../../session/page-context.js';
import { SHOP_EVENT_LABEL } from '../../session/cart-undo.js';

export type ConversationItem =
  | { id: string; type: 'message'; role: 'user'; source: 'text'; text: string }
  | { id: string; type: 'message'; role: 'user'; source: 'audio'; audioMs: number }
  | { id: string; type: 'message'; role: 'user'; source: 'context'; text: string }
  | { id: string; type: 'message'; role: 'assistant'; text: string; audioMs: number }
  | { id: string; type: 'function_call'; name: string; call_id: string; arguments: string }
  | { id: string; type: 'function_call_output'; call_id: string; output: string };

/** Notes the gateway adds for the page (its context, an Undo pressed): data for the model, not a shopper's turn to answer. */
export const isContextText = (text: string) => text.startsWith(CONTEXT_LABEL) || text.startsWith(SHOP_EVENT_LABEL);

export function createConversation(maxItems = 500) {
  const items: ConversationItem[] = [];
  return {
    items: items as readonly ConversationItem[],
    lastId: () => items.at(-1)?.id ?? null,
    /** Appends an item; returns the id of the item before it, as `previous_item_id`. */
    add(item: ConversationItem): string | null {
      const previous = items.at(-1)?.id ?? null;
      items.push(item);
      // The service truncates old turns as its context fills; a bound keeps a long session's memory flat.
      if (items.length > maxItems) items.splice(0, items.length - maxItems);
      return previous;
    },
    find: (id: string) => items.find((i) => i.id === id),
    /** Takes an item out, as conversation.item.delete does; false when there is none of that id. */
    remove(id: string) {
      const i = items.findIndex((item) => item.id === id);
      if (i >= 0) items.splice(i, 1);
      return i >= 0;
    },
    has: (id: string) => items.some((i) => i.id === id),
    /** Everything since the shopper last spoke, and that turn itself. */
    currentTurn() {
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i]!;
        if (item.type === 'message' && item.role === 'user' && item.source !== 'context') {
          return { user: item, after: items.slice(i + 1) };
        }
      }
      return { user: null, after: items.slice() };
    },
    textTokens: () => Math.ceil(items.reduce((n, i) => n + ('text' in i ? i.text.length : 'output' in i ? i.output.length : 0), 0) / 4),
  };
}
