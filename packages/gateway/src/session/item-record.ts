/**
 * The messages of this conversation by item id, as the service reported
 * them, so `conversation.item.retrieve` is answered by the gateway: a client
 * sees user and assistant messages, never a function call or a gateway item,
 * and an audio answer cut short by a truncate keeps no transcript the
 * shopper never heard (as the service itself does).
 */
import { SEED_ITEM_PREFIX } from './conversation-record.js';

type Part = { type: string; text?: string; transcript?: string | null };
interface Message {
  role: 'user' | 'assistant';
  content: Part[];
  /** Known to the model session in use now; a re-seeded one has the text under other ids. */
  live: boolean;
}

const MAX_ITEMS = 256;
const isGatewayItem = (id: string) => id.startsWith('gwctx_') || id.startsWith(SEED_ITEM_PREFIX);

/** Only the fields a client may see of a content part. */
function visiblePart(p: Record<string, unknown>): Part | null {
  const type = typeof p.type === 'string' ? p.type : '';
  if (type === 'input_text' || type === 'output_text' || type === 'text') return { type, text: typeof p.text === 'string' ? p.text : '' };
  if (type === 'input_audio' || type === 'output_audio' || type === 'audio') return { type, transcript: typeof p.transcript === 'string' ? p.transcript : null };
  return null;
}

export function itemRecord() {
  const items = new Map<string, Message>();
  const put = (id: string, m: Message) => {
    items.delete(id);
    items.set(id, m);
    if (items.size > MAX_ITEMS) items.delete(items.keys().next().value as string);
  };

  return {
    /** Notes what an upstream event says about a message. */
    observe(e: Record<string, any>) {
      switch (e.type) {
        case 'conversation.item.added':
        case 'conversation.item.done':
        case 'response.output_item.done': {
          const item = e.item;
          if (item?.type !== 'message' || (item.role !== 'user' && item.role !== 'assistant') || typeof item.id !== 'string' || isGatewayItem(item.id)) return;
          const content = (Array.isArray(item.content) ? item.content : []).map(visiblePart).filter((p: Part | null): p is Part => p !== null);
          const known = items.get(item.id);
          // A later event may carry less (an added item before its transcript): what was known stays.
          if (!known || content.some((p: Part) => p.text || p.transcript)) put(item.id, { role: item.role, content, live: true });
          return;
        }
        case 'conversation.item.input_audio_transcription.completed': {
          const known = items.get(e.item_id);
          const part = known?.content.find((p) => p.type === 'input_audio');
          if (part) part.transcript = e.transcript;
          return;
        }
        case 'response.output_audio_transcript.done': {
          const part = items.get(e.item_id)?.content.find((p) => p.type === 'output_audio' || p.type === 'audio');
          if (part) part.transcript = e.transcript;
          return;
        }
        case 'conversation.item.truncated': {
          const part = items.get(e.item_id)?.content.find((p) => p.type === 'output_audio' || p.type === 'audio');
          if (part) part.transcript = null;
          return;
        }
        case 'conversation.item.deleted':
          items.delete(e.item_id);
      }
    },
    /** The item as a retrieve answers it, or undefined for an id that is not one of this conversation's messages. */
    retrieved(id: string) {
      const m = items.get(id);
      return m && { id, object: 'realtime.item', type: 'message', status: 'completed', role: m.role, content: m.content.map((p) => ({ ...p })) };
    },
    /** Whether the model session in use now has this message, so a delete can reach it. */
    deletable: (id: string) => items.get(id)?.live === true,
    /** A new model session was seeded: it holds the text, but not under these ids. */
    reseeded() {
      for (const m of items.values()) m.live = false;
    },
  };
}

export type ItemRecord = ReturnType<typeof itemRecord>;
