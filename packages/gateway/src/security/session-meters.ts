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
  const buckets = new Map<number, number>();
  const limitBytes = secondsPerMinute * bytesPerSecond;
  return {
    /** False when adding `bytes` would go over the minute's allowance; nothing is counted then. */
    add(bytes: number): boolean {
      const second = Math.floor(now() / 1000);
      let total = 0;
      for (const [s, b] of buckets) {
        if (second - s >= 60) buckets.delete(s);
        else total += b;
      }
      if (total + bytes > limitBytes) return false;
      buckets.set(second, (buckets.get(second) ?? 0) + bytes);
      return true;
    },
  };
}
