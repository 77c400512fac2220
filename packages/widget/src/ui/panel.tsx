import type { ProductCard } from '@contoso-voice/protocol';
import type { RefObject } from 'preact';
import type { ChatMessage } from '../stores/messages.js';
import { MessageList } from './message-list.js';
import { Composer } from './composer.js';

const STATUS: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
  failed: 'Unavailable',
};

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
  onAdd(p: ProductCard): void;
  onUndo(callId: string): void;
}

export function Panel(p: PanelProps) {
  return (
    <section class="panel" role="dialog" aria-label={p.title}>
      <header>
        <h2>{p.title}</h2>
        <span class={`status ${p.connection}`} role="status">{STATUS[p.connection]}</span>
        {p.speaking && <button type="button" onClick={p.onStop}>Stop</button>}
        <button type="button" class="close" aria-label="Close assistant" onClick={p.onClose}>×</button>
      </header>
      {p.notice && <p class="notice" role="alert">{p.notice}</p>}
      <MessageList messages={p.messages} greeting={p.greeting} listRef={p.listRef} onAdd={p.onAdd} onUndo={p.onUndo} />
      <Composer inputRef={p.inputRef} onSend={p.onSend} />
    </section>
  );
}
