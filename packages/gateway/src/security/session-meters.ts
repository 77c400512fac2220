/**
 * Per-session meters: messages a second (token bucket, burst of two
 * seconds' worth) and seconds of audio a minute (sliding window of one-second
 * buckets).
 */
export function messageRateMeter(perSecond: number, now = () => Date.now()) {
  const capacity = perSecond * 2;
  let tokens = capacity;
  let last = now();
  return {
    /** False when this message is over the rate. */
    take(): boolean {
      const t = now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

export function audioRateMeter(secondsPerMinute: number, bytesPerSecond: number, now = () => Date.now()) {
  // A ring of 60 one-second buckets and their running total: constant work per frame.
  const buckets = new Float64Array(60);
  const limitBytes = secondsPerMinute * bytesPerSecond;
  let total = 0;
  let current = Math.floor(now() / 1000);
  /** Seconds that passed since the last call empty their buckets (all of them after a minute). */
  function advance(at: number): number {
    const second = Math.floor(at / 1000);
    for (let s = current + 1; s <= second && s <= current + 60; s++) {
      total -= buckets[s % 60]!;
      buckets[s % 60] = 0;
    }
    current = Math.max(current, second);
    return second;
  }
  return {
    /** False when adding `bytes` would go over the minute's allowance; nothing is counted then, unless `force`. */
    add(bytes: number, at = now(), force = false): boolean {
      const second = advance(at);
      if (total + bytes > limitBytes && !force) return false;
      buckets[second % 60]! += bytes;
      total += bytes;
      return total <= limitBytes;
    },
    /** Whether `bytes` more would fit now; counts nothing. */
    fits(bytes: number, at = now()): boolean {
      advance(at);
      return total + bytes <= limitBytes;
    },
  };
}

/** A count a minute, on the same sliding window of one-second buckets. */
export const perMinuteMeter = (perMinute: number, now = () => Date.now()) => audioRateMeter(perMinute, 1, now);
