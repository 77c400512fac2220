/**
 * Uploads a folder of site files and their catalogs to the Worker's SITES
 * bucket, after checking all of them, the manifest last.
 *
 *   npm run sites:upload -w worker -- ./sites                  the deployed bucket
 *   npm run sites:upload -w worker -- ./sites --local          wrangler dev's local state
 *   npm run sites:upload -w worker -- ./sites --local --persist-to DIR
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITES_BUCKET } from '../src/bucket-layout.js';
import { planUpload, type UploadObject } from './site-upload-plan.js';

const WORKER_DIR = fileURLToPath(new URL('../', import.meta.url));
const WRANGLER = fileURLToPath(new URL('../../node_modules/wrangler/bin/wrangler.js', import.meta.url));

interface UploadArgs {
  dir: string;
  local: boolean;
  persistTo?: string;
}

const USAGE = 'usage: npm run sites:upload -w worker -- SITES_DIR [--local] [--persist-to DIR]';

function parseArgs(argv: string[]): UploadArgs {
  // npm runs the script in worker/; paths are the user's, from where they typed the command.
  const base = process.env.INIT_CWD ?? process.cwd();
  let dir: string | undefined;
  let local = false;
  let persistTo: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--local') local = true;
    else if (arg === '--persist-to' && argv[i + 1]) persistTo = resolve(base, argv[++i]!);
    else if (!arg.startsWith('-') && !dir) dir = resolve(base, arg);
    else throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
  }
  if (!dir) throw new Error(USAGE);
  if (persistTo && !local) throw new Error(`--persist-to names local state; add --local\n${USAGE}`);
  return { dir, local, persistTo };
}

/** Wrangler's own words for a dropped connection (also on local state, where miniflare serves the bucket): worth another try. */
const TRANSIENT = /Network connection lost|ECONNRESET|socket hang up|fetch failed/;
const ATTEMPTS = 3;

function put(object: UploadObject, args: UploadArgs): void {
  // Wrangler 4's r2 object commands act on local state unless told --remote.
  const where = args.local ? ['--local', ...(args.persistTo ? ['--persist-to', args.persistTo] : [])] : ['--remote'];
  for (let attempt = 1; ; attempt++) {
    const run = spawnSync(process.execPath, [WRANGLER, 'r2', 'object', 'put', `${SITES_BUCKET}/${object.key}`, '--file', object.file, '--content-type', object.contentType, ...where], {
      cwd: WORKER_DIR,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1', WRANGLER_SEND_METRICS: 'false' },
    });
    if (run.status === 0) return;
    const output = `${run.stdout}\n${run.stderr}`;
    if (attempt < ATTEMPTS && TRANSIENT.test(output)) {
      console.warn(`  wrangler lost its connection writing ${object.key}; trying again (${attempt + 1} of ${ATTEMPTS})`);
      continue;
    }
    throw new Error(`wrangler could not write ${object.key} (exit ${run.status ?? run.signal}${attempt > 1 ? `, after ${attempt} tries` : ''}):\n${output}`);
  }
}

function main(): void {
  let args: UploadArgs;
  let plan: ReturnType<typeof planUpload>;
  try {
    args = parseArgs(process.argv.slice(2));
    plan = planUpload(args.dir);
  } catch (err) {
    console.error(`Nothing was uploaded: ${(err as Error).message}`);
    process.exit(1);
  }
  for (const line of plan.report) console.log(line);
  const target = args.local ? `local state${args.persistTo ? ` in ${args.persistTo}` : ''}` : 'the deployed bucket';
  let written = 0;
  try {
    for (const object of plan.objects) {
      put(object, args);
      written++;
      console.log(`  wrote ${object.key}`);
    }
  } catch (err) {
    rmSync(plan.staging, { recursive: true, force: true });
    console.error(`${(err as Error).message}\nWrote ${written} of ${plan.objects.length} objects; the manifest was not replaced, so sites new in this upload are not served yet; run the upload again.`);
    process.exit(1);
  }
  rmSync(plan.staging, { recursive: true, force: true });
  console.log(`Uploaded ${plan.objects.length} objects to ${SITES_BUCKET} (${target}).`);
}

main();
