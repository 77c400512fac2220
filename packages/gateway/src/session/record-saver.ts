/**
 * Keeps a session's record in its store: what a later socket, or a new model
 * session, carries on from. Saved once per burst of changes; a failed save
 * is logged, and the live session goes on.
 */
import type { Logger } from '../log.js';
import type { SessionRecord, SessionStateStore } from './state-store.js';

export function recordSaver(store: SessionStateStore, log: Logger, sessionId: string, record: () => SessionRecord) {
  let saving = false;
  return function persist() {
    if (saving) return;
    saving = true;
    queueMicrotask(() => {
      saving = false;
      store.save(record()).catch((err: unknown) => log('session.store_error', { session: sessionId, error: err instanceof Error ? err.message : String(err) }));
    });
  };
}
