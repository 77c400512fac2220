/**
 * Bundles the Worker with wrangler itself (a dry-run deploy) and fails on
 * anything the Workers runtime lacks. Wrangler only warns about a `node:`
 * import when nodejs_compat is off, and the Worker would then throw at run
 * time, so the warning and the bundle's imports are checked here.
 *
 *   npm run check -w worker
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKER_DIR = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url));

export interface BuildCheck {
  problems: string[];
  output: string;
}

/** Builds `entry` (the Worker's own by default) and lists what would fail on Workers. */
export function checkWorkerBuild(entry?: string): BuildCheck {
  const outdir = mkdtempSync(join(WORKER_DIR, '.build-check-'));
  try {
    const args = [WRANGLER, 'deploy', '--dry-run', '--outdir', outdir, ...(entry ? ['--name', 'build-check', entry] : [])];
    const run = spawnSync(process.execPath, args, {
      cwd: WORKER_DIR,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_TELEMETRY_DISABLED: '1' },
      timeout: 120_000,
    });
    const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
    const problems: string[] = [];
    if (run.status !== 0) problems.push(`wrangler exited with ${run.status ?? run.signal}`);
    for (const m of output.matchAll(/The package "([^"]+)" wasn't found on the file system but is built into node/g)) {
      problems.push(`imports the Node built-in ${m[1]}`);
    }
    const bundles = existsSync(outdir) ? readdirSync(outdir).filter((f) => f.endsWith('.js')) : [];
    if (run.status === 0 && bundles.length === 0) problems.push('wrangler wrote no bundle');
    for (const file of bundles) {
      const code = readFileSync(join(outdir, file), 'utf8');
      // Not preceded by a quote or backtick: the openai package names `import('node:buffer')` inside an error message's text.
      for (const m of code.matchAll(/(?<![`'"\w.])(?:from\s*|import\s*\(\s*|require\(\s*)["'](node:[\w/]+)["']/g)) problems.push(`${file} imports ${m[1]}`);
    }
    return { problems: [...new Set(problems)], output };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { problems, output } = checkWorkerBuild(process.argv[2]);
  if (problems.length) {
    console.error(`${output}\nThe Worker build is not fit for Workers:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Worker build ok: bundled by wrangler with no Node built-ins.');
}
