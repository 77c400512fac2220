/**
 * On Node the conversation records live in process memory. So that a
 * restart (a deploy, `npm start` again) does not forget them, a graceful stop
 * writes them to a file that the next start reads back and deletes. A crash
 * loses them; the file holds transcripts, so it is written for the owner only.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MemorySessionStore, SessionRecord } from './state-store.js';

export async function restoreSnapshot(store: MemorySessionStore, file: string): Promise<number> {
  if (!existsSync(file)) return 0;
  try {
    const records = JSON.parse(readFileSync(file, 'utf8')) as SessionRecord[];
    return Array.isArray(records) ? await store.restore(records) : 0;
  } catch {
    return 0; // an unreadable snapshot is not worth refusing to start over
  } finally {
    rmSync(file, { force: true });
  }
}

export function writeSnapshot(store: MemorySessionStore, file: string): number {
  const records = store.snapshot();
  if (records.length === 0) return 0;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(records), { mode: 0o600 });
  return records.length;
}
