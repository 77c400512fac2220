/**
 * What must outlive a client socket so that a conversation can go on: the
 * server's own record of it (for re-seeding a fresh upstream session, never
 * taken from the client) and where the client's replay left off. A runtime
 * supplies the store: process memory on Node, a Durable Object's storage on
 * Cloudflare, so that a socket landing on another isolate still finds it.
 * See docs/SCALE.md.
 */

/** One turn of the conversation as the gateway saw it pass. */
/** `itemId`: the item at the model service, where known, so a client's delete of it reaches the record too. */
export type ConversationEntry =
  | { kind: 'user_text'; text: string; at: number; itemId?: string }
  | { kind: 'user_speech'; transcript: string | null; at: number; itemId?: string }
  | { kind: 'assistant'; text: string; at: number; itemId?: string }
  | { kind: 'products'; items: { id: string; name: string; price: number }[]; at: number };

export interface SessionRecord {
  sessionId: string;
  siteId: string;
  /** The page origin the session was opened from; a resume must come from the same one. */
  origin: string | null;
  createdAt: number;
  /** Last moment a new socket may reattach to this record. */
  expiresAt: number;
  conversation: ConversationEntry[];
  /** Generation of the resume token that may open this record; each use makes the next one. */
  resumeGen: number;
  /** Times this conversation was re-seeded into a new model session; bounded, since each one bills the history again. */
  reseeds?: number;
}

export interface SessionStateStore {
  load(sessionId: string): Promise<SessionRecord | undefined>;
  /** Stores the record until its expiresAt; replaces any earlier one. */
  save(record: SessionRecord): Promise<void>;
  remove(sessionId: string): Promise<void>;
}

export interface MemoryStoreOptions {
  /** Upper bound on the JSON size of all records; the oldest are dropped beyond it. */
  maxBytes?: number;
  now?: () => number;
}

/** In-process store with expiry and a bound on total size, for the Node gateway. */
export interface MemorySessionStore extends SessionStateStore {
  size(): number;
  bytes(): number;
  /** The records that have not expired, to write out when the process stops. */
  snapshot(): SessionRecord[];
  /** Takes back records from a snapshot; expired ones are skipped. */
  restore(records: SessionRecord[]): Promise<number>;
}

export function memorySessionStore(options: MemoryStoreOptions = {}): MemorySessionStore {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Map order is insertion order; save() re-inserts, so the first entry is the least recently saved.
  const records = new Map<string, { record: SessionRecord; bytes: number }>();
  let total = 0;

  const drop = (id: string) => {
    const entry = records.get(id);
    if (!entry) return;
    total -= entry.bytes;
    records.delete(id);
  };
  const sweep = () => {
    const t = now();
    for (const [id, { record }] of records) if (record.expiresAt <= t) drop(id);
  };

  return {
    async load(id) {
      const entry = records.get(id);
      if (!entry) return undefined;
      if (entry.record.expiresAt <= now()) {
        drop(id);
        return undefined;
      }
      return structuredClone(entry.record);
    },
    async save(record) {
      sweep();
      drop(record.sessionId);
      // Two bytes a character is the worst case of the JSON's in-memory size, and cheap to compute.
      const bytes = JSON.stringify(record).length * 2;
      if (bytes > maxBytes) throw new Error(`session record of ${bytes} bytes is over the store's ${maxBytes}`);
      while (total + bytes > maxBytes) drop(records.keys().next().value!);
      records.set(record.sessionId, { record: structuredClone(record), bytes });
      total += bytes;
    },
    async remove(id) {
      drop(id);
    },
    size: () => (sweep(), records.size),
    bytes: () => (sweep(), total),
    snapshot: () => (sweep(), [...records.values()].map((r) => structuredClone(r.record))),
    async restore(list) {
      let taken = 0;
      for (const record of list) {
        if (record && typeof record.sessionId === 'string' && record.expiresAt > now() && Array.isArray(record.conversation)) {
          await this.save(record);
          taken += 1;
        }
      }
      return taken;
    },
  };
}
