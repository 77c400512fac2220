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
  };
}
