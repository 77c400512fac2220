import type { ProductCard } from '@contoso-voice/protocol';
import type { RefObject } from 'preact';
import type { ChatMessage } from '../stores/messages.js';
import { t } from '../i18n/strings.js';
import { ProductCardView } from './product-card.js';
import { AddedCard } from './added-card.js';
import { Markdown, type MarkdownLinks } from './markdown.js';
import { cardHref } from './link-policy.js';

export interface MessageListProps {
  messages: ChatMessage[];
  greeting: string;
  listRef: RefObject<HTMLOListElement | null>;
  onAdd(p: ProductCard): Promise<boolean> | void;
  onUndo(callId: string): void;
}

/** Every product shown so far, so its name in any answer links to its page. */
const shownProducts = (messages: ChatMessage[]): MarkdownLinks => ({
  products: messages.flatMap((m) => m.products ?? []).map((p) => ({ name: p.name, href: cardHref(p) })),
});

// Bubbles are dir="auto": an Arabic question on an English page, or the reverse, reads in its own direction.
export function MessageList({ messages, greeting, listRef, onAdd, onUndo }: MessageListProps) {
  const links = shownProducts(messages);
  return (
    <ol ref={listRef} class="messages" aria-live="polite" aria-label={t('conversation')}>
      {greeting && <li class="msg assistant" dir="auto">{greeting}</li>}
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
          <li key={m.id} class={`msg ${m.role}${m.partial ? ' partial' : ''}${m.pending ? ' pending' : ''}`} dir="auto">
            {/* A spoken turn shows its transcript as it comes; only one the service could not transcribe is a bare "voice message". */}
            {m.role === 'assistant' && m.text ? <Markdown text={m.text} links={links} /> : m.text || (m.voice && !m.partial ? t('voice_message') : '…')}
            {m.pending && <small class="note">{t('pending')}</small>}
          </li>
        ),
      )}
    </ol>
  );
}
