/**
 * Remembers spent token ids until their tokens would have expired anyway,
 * so each token opens one session. Bounded: ids are at most a minute old.
 * Per process; on Workers, in the one AdmissionHost every isolate asks.
 */
export function singleUseGuard(maxEntries = 100_000) {
  const spent = new Map<string, number>();
  return {
    /** True the first time an id is seen before `expiresAtMs`; false for a replay. */
    spend(id: string, expiresAtMs: number, now = Date.now()): boolean {
      for (const [key, exp] of spent) {
        if (exp > now) break; // insertion order is near expiry order: tokens live at most 60 s
        spent.delete(key);
      }
      if (spent.has(id)) return false;
      if (spent.size >= maxEntries) spent.delete(spent.keys().next().value!);
      spent.set(id, expiresAtMs);
      return true;
    },
    /** The ids still within their tokens' lifetime, to carry across a graceful restart. */
    entries: (now = Date.now()): [string, number][] => [...spent].filter(([, exp]) => exp > now),
    /** Takes back ids a previous process had spent. */
    restore(list: unknown, now = Date.now()) {
      if (!Array.isArray(list)) return;
      for (const entry of list) {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number' || entry[1] <= now) continue;
        if (spent.size < maxEntries) spent.set(entry[0], entry[1]);
      }
    },
  };
}

export type SpentTokens = ReturnType<typeof singleUseGuard>;
