/** The documented upload command, run as a retailer runs it, into a wrangler dev state dir. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));

export interface UploadRun {
  status: number | null;
  output: string;
}

export function uploadSitesLocally(siteDir: string, stateDir: string): UploadRun {
  const run = spawnSync('npm', ['run', 'sites:upload', '-w', 'worker', '--', siteDir, '--local', '--persist-to', stateDir], {
    cwd: REPO_DIR,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_TELEMETRY_DISABLED: '1' },
  });
  return { status: run.status, output: `${run.stdout ?? ''}\n${run.stderr ?? ''}` };
}
