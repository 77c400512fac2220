/**
 * The Worker bundles with wrangler itself, without nodejs_compat, and the
 * check fails on a Node built-in in the shared core. The second test proves
 * it can fail: the same build with one `node:` import added is refused.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkerBuild, WORKER_DIR } from '../scripts/check-build.js';

describe('the Worker build check', () => {
  it('passes for the Worker as it is', () => {
    const { problems, output } = checkWorkerBuild();
    expect(problems, output).toEqual([]);
  });

  it('fails when a node: import creeps in', () => {
    const dir = mkdtempSync(join(WORKER_DIR, '.build-check-entry-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, `import { readFileSync } from 'node:fs';\nimport worker from '../src/index.js';\nexport default { fetch: (r: Request, e: never) => (readFileSync, worker.fetch(r, e)) };\n`);
      const { problems } = checkWorkerBuild(entry);
      expect(problems).toContain('imports the Node built-in node:fs');
      expect(problems.some((p) => p.endsWith('imports node:fs'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
