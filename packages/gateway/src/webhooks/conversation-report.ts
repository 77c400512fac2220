/**
 * The JSON record a site's webhook receives after a conversation ends for
 * good (docs/WEBHOOKS.md): who, when, how it ended, its turns (with or
 * without their words, as the site chose), the products shown, tools called,
 * cart changes and usage. Built from the gateway's own record, never from
 * anything a client claims.
 */
import type { ConversationEntry } from '../session/state-store.js';
import type { CartActionFact, ConversationActivity, ToolCallFact } from './conversation-activity.js';

export const WEBHOOK_EVENT = 'conversation.ended';
export const WEBHOOK_RECORD_VERSION = 1;

/** What a session knows when it ends, handed to the webhook. */
export interface EndedConversation {
  conversationId: string;
  siteId: string;
  /** When the conversation began (its first session, across re-seeds). */
  startedAt: number;
  endedAt: number;
  close: { code: number; by: 'gateway' | 'client'; reason: string };
  /** Times the conversation was re-seeded into a new model session before this end. */
  reseeds: number;
  entries: readonly ConversationEntry[];
  activity: Pick<ConversationActivity, 'tools' | 'cart'>;
  /** The usage meter's totals for the conversation (usage/usage-meter.ts), null where none was kept. */
  usage: unknown;
}

type Turn =
  | { role: 'user'; kind: 'text' | 'speech'; at: string; text?: string | null }
  | { role: 'assistant'; kind: 'text'; at: string; text?: string };

export interface ConversationRecordBody {
  type: typeof WEBHOOK_EVENT;
  version: typeof WEBHOOK_RECORD_VERSION;
  /** Unique per delivery of this conversation's record: conversation id and re-seed count. Retries repeat it. */
  delivery_id: string;
  conversation_id: string;
  site: string;
  started_at: string;
  ended_at: string;
  duration_ms: number;
  close: EndedConversation['close'];
  reseeds: number;
  transcripts: boolean;
  turns: Turn[];
  products_shown: { id: string; name: string; price: number; at: string }[];
  tools_called: (Omit<ToolCallFact, 'at'> & { at: string })[];
  cart_actions: (Omit<CartActionFact, 'at'> & { at: string })[];
  usage: unknown;
}

const iso = (ms: number) => new Date(ms).toISOString();

function turn(entry: ConversationEntry, transcripts: boolean): Turn | null {
  const at = iso(entry.at);
  switch (entry.kind) {
    case 'user_text':
      return { role: 'user', kind: 'text', at, ...(transcripts ? { text: entry.text } : {}) };
    case 'user_speech':
      return { role: 'user', kind: 'speech', at, ...(transcripts ? { text: entry.transcript } : {}) };
    case 'assistant':
      return { role: 'assistant', kind: 'text', at, ...(transcripts ? { text: entry.text } : {}) };
    case 'products':
      return null;
  }
}

export function conversationRecordBody(c: EndedConversation, transcripts: boolean): ConversationRecordBody {
  const productsShown = c.entries.flatMap((e) => (e.kind === 'products' ? e.items.map((p) => ({ ...p, at: iso(e.at) })) : []));
  return {
    type: WEBHOOK_EVENT,
    version: WEBHOOK_RECORD_VERSION,
    delivery_id: `${c.conversationId}.${c.reseeds}`,
    conversation_id: c.conversationId,
    site: c.siteId,
    started_at: iso(c.startedAt),
    ended_at: iso(c.endedAt),
    duration_ms: Math.max(0, c.endedAt - c.startedAt),
    close: c.close,
    reseeds: c.reseeds,
    transcripts,
    turns: c.entries.map((e) => turn(e, transcripts)).filter((t): t is Turn => t !== null),
    products_shown: productsShown,
    tools_called: c.activity.tools.map((t) => ({ ...t, at: iso(t.at) })),
    cart_actions: c.activity.cart.map((a) => ({ ...a, at: iso(a.at) })),
    usage: c.usage ?? null,
  };
}
