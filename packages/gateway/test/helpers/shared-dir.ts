import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** For a clone of a checkout on this machine (`git clone . /tmp/x`), the folder that checkout sits in. */
function besideOrigin(): string | null {
  const run = spawnSync('git', ['config', '--get', 'remote.origin.url'], { cwd: REPO, encoding: 'utf8' });
  const origin = run.status === 0 ? run.stdout.trim() : '';
  const path = origin.startsWith('file://') ? fileURLToPath(origin) : origin;
  // `git clone .` records the origin as `/path/to/checkout/.`; resolve() normalises that.
  return path && isAbsolute(path) ? join(dirname(resolve(path)), 'shared') : null;
}

/**
 * The project's shared/ folder of fixtures: CONTOSO_SHARED_DIR if set, else
 * beside the repository (CI clones it with shared/ next to it), else beside
 * the local checkout this one was cloned from.
 */
export function sharedDir(): string {
  const candidates = process.env.CONTOSO_SHARED_DIR ? [process.env.CONTOSO_SHARED_DIR] : [join(REPO, '..', 'shared'), besideOrigin()];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, 'fixtures'))) return dir.endsWith('/') ? dir : `${dir}/`;
  }
  throw new Error(
    `No fixtures in ${candidates.filter(Boolean).join(' or ')}: put the project's shared/ folder beside the repository, or set CONTOSO_SHARED_DIR.`,
  );
}
