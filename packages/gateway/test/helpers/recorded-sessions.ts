/**
 * The captured live sessions in test/fixtures/realtime (see its README), read as data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const RECORDINGS_DIR = fileURLToPath(new URL('../fixtures/realtime/', import.meta.url));

export interface Recording {
  file: string;
  /** Voice Live speaks the older beta event names; the GA checks skip it. */
  ga: boolean;
  received: (Record<string, any> & { type: string })[];
}

export function loadRecordings(): Recording[] {
  return readdirSync(RECORDINGS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const doc = parse(readFileSync(`${RECORDINGS_DIR}${file}`, 'utf8')) as { interactions: { kind: string; direction: string; data: any }[] };
      return {
        file,
        ga: !file.startsWith('azure_voice_live'),
        received: doc.interactions.filter((i) => i.kind === 'message' && i.direction === 'received').map((i) => i.data),
      };
    });
}
