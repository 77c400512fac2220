/**
 * How many times each key did something in the last minute, for rates per
 * client address. Bounded: past `maxKeys` the oldest key is forgotten, so a
 * flood of addresses costs memory only up to the bound.
 */
const MINUTE = 60_000;

export function minuteCounter(maxKeys = 50_000) {
  const byKey = new Map<string, number[]>();
  return {
    /** Counts one more for `key` and says whether it is within `perMinute`; a refusal is not counted. */
    take(key: string, perMinute: number, now = Date.now()): boolean {
      const times = (byKey.get(key) ?? []).filter((t) => now - t < MINUTE);
      byKey.delete(key);
      if (times.length >= perMinute) {
        byKey.set(key, times);
        return false;
      }
      times.push(now);
      byKey.set(key, times);
      if (byKey.size > maxKeys) byKey.delete(byKey.keys().next().value!);
      return true;
    },
    size: () => byKey.size,
  };
}
