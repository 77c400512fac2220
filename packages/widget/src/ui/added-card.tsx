import type { ChatMessage } from '../stores/messages.js';
import { t } from '../i18n/strings.js';

/** What the assistant put in the cart, with Undo until the shopper uses it. */
export function AddedCard({ added, onUndo }: { added: NonNullable<ChatMessage['added']>; onUndo(callId: string): void }) {
  const { line, undone } = added;
  return (
    <div class={`card added${undone ? ' undone' : ''}`}>
      <img src={line.image} alt="" width="64" height="64" />
      <div>
        <b>{line.name}</b>
        {line.variant && <small>{line.variant}</small>}
        <small>
          {t('quantity', { n: line.quantity })} · {undone ? t('removed') : t('added')}
        </small>
      </div>
      {!undone && (
        <button type="button" onClick={() => onUndo(added.callId)} aria-label={t('undo_named', { name: line.name })}>
          {t('undo')}
        </button>
      )}
    </div>
  );
}
