/**
 * Who may open a session now: open sessions per site and per client IP, and
 * new sessions per IP in the last minute. Counts are per process; on
 * Workers, in the one AdmissionHost every isolate asks.
 */
export interface AdmissionLimits {
  maxSessionsPerSite: number;
  maxSessionsPerIp: number;
  newSessionsPerIpPerMinute: number;
}

export type Admission = { ok: true; release(): void } | { ok: false; code: 'too_many_sessions' | 'rate_limited'; message: string };

const MINUTE = 60_000;

export function admissionCounters() {
  const openBySite = new Map<string, number>();
  const openByIp = new Map<string, number>();
  const startsByIp = new Map<string, number[]>();
  const bump = (map: Map<string, number>, key: string, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };

  function recentStarts(ip: string, now: number): number[] {
    const starts = (startsByIp.get(ip) ?? []).filter((t) => now - t < MINUTE);
    if (starts.length) startsByIp.set(ip, starts);
    else startsByIp.delete(ip);
    return starts;
  }

  return {
    admit(site: string, ip: string, limits: AdmissionLimits, now = Date.now()): Admission {
      if ((openBySite.get(site) ?? 0) >= limits.maxSessionsPerSite) {
        return { ok: false, code: 'too_many_sessions', message: `This shop has its ${limits.maxSessionsPerSite} sessions open; try again shortly.` };
      }
      if ((openByIp.get(ip) ?? 0) >= limits.maxSessionsPerIp) {
        return { ok: false, code: 'too_many_sessions', message: `At most ${limits.maxSessionsPerIp} sessions may be open from one address.` };
      }
      const starts = recentStarts(ip, now);
      if (starts.length >= limits.newSessionsPerIpPerMinute) {
        return { ok: false, code: 'rate_limited', message: `At most ${limits.newSessionsPerIpPerMinute} new sessions a minute from one address.` };
      }
      starts.push(now);
      startsByIp.set(ip, starts);
      bump(openBySite, site, 1);
      bump(openByIp, ip, 1);
      let released = false;
      return {
        ok: true,
        release() {
          if (released) return;
          released = true;
          bump(openBySite, site, -1);
          bump(openByIp, ip, -1);
        },
      };
    },
    /** Open sessions and tracked addresses, for tests and the health endpoint. */
    stats: () => ({ open: [...openBySite.values()].reduce((a, b) => a + b, 0), addresses: startsByIp.size }),
  };
}
