import type { ProductCard } from '@contoso-voice/protocol';
import type { ComponentChildren, RefObject } from 'preact';
import type { ChatMessage } from '../stores/messages.js';
import { MessageList } from './message-list.js';
import { Composer } from './composer.js';
import { t, type MessageKey } from '../i18n/strings.js';

export interface PanelProps {
  title: string;
  greeting: string;
  connection: string;
  notice: string | null;
  speaking: boolean;
  messages: ChatMessage[];
  inputRef: RefObject<HTMLInputElement | null>;
  listRef: RefObject<HTMLOListElement | null>;
  onClose(): void;
  onStop(): void;
  onSend(text: string): boolean;
  onAdd(p: ProductCard): Promise<boolean> | void;
  onUndo(callId: string): void;
  maxText: number;
  /** The live state (voice-orb.tsx), above the composer. */
  live?: ComponentChildren;
  /** The mic button, in the composer; none on a text-only site. */
  mic?: ComponentChildren;
}

export function Panel(p: PanelProps) {
  return (
    <section class="panel" role="dialog" aria-label={p.title}>
      <header>
        <h2>{p.title}</h2>
        <span class={`status ${p.connection}`} role="status">{t(`status_${p.connection}` as MessageKey)}</span>
        {p.speaking && <button type="button" onClick={p.onStop}>{t('stop')}</button>}
        <button type="button" class="close" aria-label={t('close')} onClick={p.onClose}>×</button>
      </header>
      {p.notice && <p class="notice" role="alert">{p.notice}</p>}
      <MessageList messages={p.messages} greeting={p.greeting} listRef={p.listRef} onAdd={p.onAdd} onUndo={p.onUndo} />
      {p.live}
      <Composer inputRef={p.inputRef} onSend={p.onSend} max={p.maxText}>
        {p.mic}
      </Composer>
    </section>
  );
}
