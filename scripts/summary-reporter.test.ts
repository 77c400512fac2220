/**
 * The summary reporter in a real vitest run, in a temporary folder: a suite
 * that cannot import what it needs must be named, with its reason, and
 * counted as failed, not vanish from the closing line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const REPORTER = fileURLToPath(new URL('./summary-reporter.ts', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'summary-reporter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs vitest on the given test files, with only the summary reporter, and returns its output. */
function runVitest(files: Record<string, string>): { status: number | null; stdout: string } {
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { include: ['*.test.ts'], reporters: [${JSON.stringify(REPORTER)}] } };\n`);
  // The outer run's VITEST_* variables would make the inner vitest think it is a worker of the outer one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  const run = spawnSync(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout };
}

describe('the summary line', () => {
  const { status, stdout } = runVitest({
    'passes.test.ts': `import { expect, it } from 'vitest';\nit('adds', () => expect(1 + 1).toBe(2));\nit.skip('waits', () => {});\n`,
    'cannot-load.test.ts': `import { fixture } from './no-such-helper.js';\nimport { it } from 'vitest';\nit('never runs', () => fixture());\n`,
    'hook-fails.test.ts': `import { afterAll, it } from 'vitest';\nafterAll(() => { throw new Error('the server did not stop'); });\nit('runs', () => {});\n`,
  });
  const lines = stdout.trim().split('\n');

  it('names the suite that failed to load, with its reason', () => {
    const line = lines.find((l) => l.startsWith('1 suite failed to load: '));
    expect(line).toMatch(/^1 suite failed to load: cannot-load\.test\.ts \(.*no-such-helper.*\)$/);
  });

  it('names the suite whose hook failed outside its tests', () => {
    expect(lines).toContain('1 suite failed outside any test: hook-fails.test.ts (the server did not stop)');
  });

  it('counts both as failures in the closing line, and the run fails', () => {
    expect(lines.at(-1)).toBe('2 passed, 2 failed, 1 skipped');
    expect(status).toBe(1);
  });
});
