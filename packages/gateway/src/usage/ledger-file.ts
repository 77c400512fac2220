/**
 * Node's spend store: sums in memory, written to a file after each change,
 * so a budget holds across restarts and crashes. Each write goes to a
 * temporary file that is renamed over the old one, so a crash mid-write
 * leaves the previous sums, never half a file. One write at a time; changes
 * made during it are written right after.
 *
 * A file that cannot be read is logged, set aside (`.corrupt-<time>`), and
 * today counts as spent for every site with a budget: the ledger fails
 * closed, because a budget exists to cap the bill, and a day without the
 * assistant costs the shop less than a bill nobody capped. The operator who
 * knows better fixes or removes the set-aside file and restarts.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../log.js';
import { added, isSiteSpend, rolled, utcDay, type SiteSpend, type SpendStore } from './site-spend.js';

interface LedgerFile {
  version: 1;
  sites: Record<string, SiteSpend>;
  /** A day whose spend was lost to an unreadable file. */
  unknownDay?: string;
}

function load(file: string, log: Logger, now: number): LedgerFile {
  const empty: LedgerFile = { version: 1, sites: {} };
  if (!existsSync(file)) return empty;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as LedgerFile;
    if (parsed?.version !== 1 || typeof parsed.sites !== 'object' || parsed.sites === null) throw new Error('not a version 1 ledger');
    for (const [site, spend] of Object.entries(parsed.sites)) if (!isSiteSpend(spend)) throw new Error(`bad entry for site "${site.slice(0, 40)}"`);
    return parsed;
  } catch (err) {
    const aside = `${file}.corrupt-${now}`;
    renameSync(file, aside);
    log('budget.ledger_corrupt', { file, moved_to: aside, error: (err as Error).message.slice(0, 200), treated_as: 'today_spent' });
    return { ...empty, unknownDay: utcDay(now) };
  }
}

export function fileSpendStore(file: string, log: Logger, now: () => number = Date.now): SpendStore & { flush(): Promise<void> } {
  const ledger = load(file, log, now());
  let writing: Promise<void> | null = null;
  let dirty = false;

  async function writeOut() {
    while (dirty) {
      dirty = false;
      const tmp = `${file}.tmp`;
      await writeFile(tmp, JSON.stringify(ledger), { mode: 0o600 });
      await rename(tmp, file);
    }
  }
  function save(): Promise<void> {
    dirty = true;
    // No await between the loop's last check and `writing = null`: a change cannot slip in between unwritten.
    writing ??= (async () => {
      try {
        await writeOut();
      } catch (err) {
        log('budget.ledger_write_failed', { file, error: (err as Error).message.slice(0, 200) });
      } finally {
        writing = null;
      }
    })();
    return writing;
  }

  const current = (siteId: string): SiteSpend => {
    const spend = rolled(Object.hasOwn(ledger.sites, siteId) ? ledger.sites[siteId] : undefined, now());
    return ledger.unknownDay === spend.day ? { ...spend, unknownToday: true } : spend;
  };

  mkdirSync(dirname(file), { recursive: true });
  // The day the file was lost is written down at once, so a second restart that same day still knows.
  if (ledger.unknownDay) writeFileSync(file, JSON.stringify(ledger), { mode: 0o600 });

  return {
    async read(siteId) {
      return current(siteId);
    },
    async add(siteId, usd) {
      const { unknownToday: _u, ...spend } = current(siteId);
      ledger.sites[siteId] = added(spend, usd);
      await save();
      return current(siteId);
    },
    /** Resolves once every change so far is on disk. */
    flush: async () => {
      while (writing) await writing;
    },
  };
}
