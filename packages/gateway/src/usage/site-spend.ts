/**
 * What a site has spent today and this month (UTC), as a runtime keeps it:
 * process memory written to a file on Node (ledger-file.ts), a Durable
 * Object's storage on Workers. Only sums of money: no conversation, no
 * shopper, nothing the budget does not need.
 */

export interface SiteSpend {
  /** UTC day (YYYY-MM-DD) and month (YYYY-MM) the sums are for. */
  day: string;
  today: number;
  month: string;
  thisMonth: number;
  /** The day's spend could not be known (the ledger was unreadable): the day counts as spent. */
  unknownToday?: boolean;
}

export interface SpendStore {
  read(siteId: string): Promise<SiteSpend>;
  /** Adds `usd` to the site's day and month; returns the sums after it. */
  add(siteId: string, usd: number): Promise<SiteSpend>;
}

export const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);
export const utcMonth = (now: number) => new Date(now).toISOString().slice(0, 7);

/** The sums as of `now`: a new day starts the day at zero, a new month the month. */
export function rolled(spend: SiteSpend | undefined, now: number): SiteSpend {
  const day = utcDay(now);
  const month = utcMonth(now);
  if (!spend) return { day, today: 0, month, thisMonth: 0 };
  const sameMonth = spend.month === month;
  if (spend.day === day) return spend;
  return { day, today: 0, month, thisMonth: sameMonth ? spend.thisMonth : 0 };
}

/** Sums kept to a millionth of a dollar, the meter's own precision. */
export function added(spend: SiteSpend, usd: number): SiteSpend {
  const micro = (n: number) => Math.round(n * 1e6) / 1e6;
  return { ...spend, today: micro(spend.today + usd), thisMonth: micro(spend.thisMonth + usd) };
}

/** Checks a stored entry, so that a hand-edited or damaged one is noticed rather than read as zero. */
export function isSiteSpend(v: unknown): v is SiteSpend {
  const s = v as SiteSpend;
  const money = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  return (
    typeof s === 'object' && s !== null && /^\d{4}-\d{2}-\d{2}$/.test(s.day) && /^\d{4}-\d{2}$/.test(s.month) && money(s.today) && money(s.thisMonth)
  );
}

/** Process memory only: for tests and embedders that keep no state. */
export function memorySpendStore(now: () => number = Date.now): SpendStore & { entries(): Record<string, SiteSpend> } {
  const sites = new Map<string, SiteSpend>();
  return {
    async read(siteId) {
      return rolled(sites.get(siteId), now());
    },
    async add(siteId, usd) {
      const next = added(rolled(sites.get(siteId), now()), usd);
      sites.set(siteId, next);
      return next;
    },
    entries: () => Object.fromEntries(sites),
  };
}
