import type { ProductCard } from '@contoso-voice/protocol';
import type { RefObject } from 'preact';
import type { ChatMessage } from '../stores/messages.js';
import { ProductCardView } from './product-card.js';
import { AddedCard } from './added-card.js';

export interface MessageListProps {
  messages: ChatMessage[];
  greeting: string;
  listRef: RefObject<HTMLOListElement | null>;
  onAdd(p: ProductCard): void;
  onUndo(callId: string): void;
}

export function MessageList({ messages, greeting, listRef, onAdd, onUndo }: MessageListProps) {
  return (
    <ol ref={listRef} class="messages" aria-live="polite" aria-label="Conversation">
      {greeting && <li class="msg assistant">{greeting}</li>}
      {messages.map((m) =>
        m.added ? (
          <li key={m.id} class="msg products">
            <AddedCard added={m.added} onUndo={onUndo} />
          </li>
        ) : m.products ? (
          <li key={m.id} class="msg products">
            <ul class="cards">{m.products.map((p) => <ProductCardView key={p.id} product={p} onAdd={onAdd} />)}</ul>
          </li>
        ) : (
          <li key={m.id} class={`msg ${m.role}${m.partial ? ' partial' : ''}`}>
            {m.text || (m.voice ? '(voice message)' : '…')}
          </li>
        ),
      )}
    </ol>
  );
}
