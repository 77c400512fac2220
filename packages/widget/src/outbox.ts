/**
 * Typed messages on their way. With the session open one goes at once;
 * without, it is shown as not sent yet and goes when the session is (back)
 * up, also from the next page, as the transcript keeps the mark. Longer than
 * the session takes, it is refused with its count rather than cut. Audio
 * never waits like this: it would be stale.
 */
import type { ReadableAtom } from 'nanostores';
import type { MessagesStore } from './stores/messages.js';
import type { NoticeLine } from './notices.js';

export interface OutboxDeps {
  messages: MessagesStore;
  $connection: ReadableAtom<string>;
  $maxText: ReadableAtom<number>;
  notices: NoticeLine;
  connect(): void;
  /** Sends one question over the open session. */
  send(text: string): void;
}

export function createOutbox(d: OutboxDeps) {
  const waiting = d.messages.$messages.get().flatMap((m) => (m.pending ? [{ id: m.id, text: m.text }] : []));
  const flush = () => {
    for (const { id, text } of waiting.splice(0)) {
      d.messages.sent(id);
      d.send(text);
    }
  };
  return {
    /** Whether a message left over from the last page still has to go. */
    waiting: () => waiting.length > 0,
    /** The session is open: what waited goes now, in order. */
    flush,
    /** False when there is nothing to send, or it is too long (the notice gives the count). */
    sendText(text: string): boolean {
      const trimmed = text.trim();
      if (!trimmed) return false;
      const max = d.$maxText.get();
      if (trimmed.length > max) {
        d.notices.notice('too_long', { n: trimmed.length, max });
        return false;
      }
      d.notices.ended('sent');
      d.connect();
      const id = `local_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      d.messages.add({ id, role: 'user', text: trimmed, pending: true });
      waiting.push({ id, text: trimmed });
      if (d.$connection.get() === 'open') flush();
      return true;
    },
  };
}
