/**
 * On Node the conversation records live in process memory. So that a
 * restart (a deploy, `npm start` again) does not forget them, a graceful stop
 * writes them to a file that the next start reads back and deletes. A crash
 * loses them; the file holds transcripts, so it is written for the owner only.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MemorySessionStore, SessionRecord } from './state-store.js';
import type { SpentTokens } from '../security/single-use.js';

/** The file holds the records and, so that no token opens a second session after the restart, the spent token ids. */
interface Snapshot {
  records: SessionRecord[];
  spentTokens?: [string, number][];
}

export async function restoreSnapshot(store: MemorySessionStore, file: string, spent?: SpentTokens): Promise<number> {
  if (!existsSync(file)) return 0;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Snapshot | SessionRecord[];
    // An array is the format before spent ids were kept.
    const snapshot: Snapshot = Array.isArray(parsed) ? { records: parsed } : parsed;
    spent?.restore(snapshot.spentTokens);
    return Array.isArray(snapshot.records) ? await store.restore(snapshot.records) : 0;
  } catch {
    return 0; // an unreadable snapshot is not worth refusing to start over
  } finally {
    rmSync(file, { force: true });
  }
}

export function writeSnapshot(store: MemorySessionStore, file: string, spent?: SpentTokens): number {
  const records = store.snapshot();
  const spentTokens = spent?.entries() ?? [];
  if (records.length === 0 && spentTokens.length === 0) return 0;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ records, spentTokens } satisfies Snapshot), { mode: 0o600 });
  return records.length;
}
