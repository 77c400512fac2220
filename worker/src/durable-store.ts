/**
 * Conversation records in a session host's own storage, so that a host that
 * was evicted (or a Worker that was redeployed) still re-seeds. An alarm at
 * the earliest expiry sweeps what has expired.
 */
import type { SessionRecord, SessionStateStore } from '@contoso-voice/gateway/state-store';

const key = (id: string) => `record:${id}`;

export function durableSessionStore(storage: DurableObjectStorage): SessionStateStore & { sweep(): Promise<void> } {
  async function schedule(at: number) {
    const current = await storage.getAlarm();
    if (current === null || at < current) await storage.setAlarm(at);
  }
  return {
    async load(id) {
      const record = await storage.get<SessionRecord>(key(id));
      if (!record || record.expiresAt <= Date.now()) return undefined;
      return record;
    },
    async save(record) {
      await storage.put(key(record.sessionId), record);
      await schedule(record.expiresAt);
    },
    async remove(id) {
      await storage.delete(key(id));
    },
    async sweep() {
      const now = Date.now();
      let next = Infinity;
      for (const [k, record] of await storage.list<SessionRecord>({ prefix: 'record:' })) {
        if (record.expiresAt <= now) await storage.delete(k);
        else next = Math.min(next, record.expiresAt);
      }
      if (next !== Infinity) await storage.setAlarm(next);
    },
  };
}
