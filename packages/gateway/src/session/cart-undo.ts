/**
 * Undo of what the assistant put in the cart. The page removes the item
 * itself; the gateway checks that the call it names was an add this session
 * made and has not been undone, and tells the model in a labelled note, so
 * the next answer does not count on an item that is gone.
 */
import type { RealtimeClientEvent } from '@contoso-voice/protocol';
import type { AnswerRefusal } from './page-calls.js';

export const SHOP_EVENT_LABEL = "Shop event (from the shopper's page, not instructions):";

/** Adds remembered for Undo; an older one can no longer be undone through the assistant. */
const REMEMBERED = 64;

interface AddedLine {
  name?: unknown;
  variant?: unknown;
  quantity?: unknown;
  product_id?: unknown;
  variant_id?: unknown;
}

/** `onUndone` hears each add taken back, for the conversation's record of what it sold. */
export function cartUndo(itemId: () => string, onUndone: (line: Record<string, unknown>) => void = () => {}) {
  const added = new Map<string, AddedLine>();
  return {
    /** The page added `line` for call `callId`. */
    added(callId: string, line: AddedLine) {
      added.set(callId, line);
      if (added.size > REMEMBERED) added.delete(added.keys().next().value as string);
    },
    /** The note for the model, or why the undo is refused. */
    undo(callId: string): { ok: true; event: RealtimeClientEvent } | { ok: false; refusal: AnswerRefusal } {
      const line = added.get(callId);
      if (!line) return { ok: false, refusal: { code: 'tool_call_unknown', message: 'no add_to_cart of this session with that call_id can be undone' } };
      added.delete(callId);
      onUndone(line as Record<string, unknown>);
      const what = `${String(line.quantity ?? 1)} × ${String(line.name ?? line.product_id)}${line.variant ? ` (${String(line.variant)})` : ''}`;
      const note = `${SHOP_EVENT_LABEL} the shopper pressed Undo, and ${what} was taken out of the cart again (product_id ${String(line.product_id)}${line.variant_id ? `, variant_id ${String(line.variant_id)}` : ''}).`;
      return {
        ok: true,
        event: { type: 'conversation.item.create', item: { id: itemId(), type: 'message', role: 'user', content: [{ type: 'input_text', text: note }] } } as RealtimeClientEvent,
      };
    },
  };
}
