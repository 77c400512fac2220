/**
 * A developer's project outside this repository, made from `npm pack`
 * tarballs only: its own package.json, its own node_modules, no workspace
 * links, so it meets the packages exactly as the registry would serve them.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The repository's packages a consumer project can install, each from its own tarball. */
export const PACKED = ['protocol', 'gateway', 'widget'] as const;
export type PackageName = (typeof PACKED)[number];
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

const run = promisify(execFile);

export interface PackedFile {
  path: string;
  size: number;
}

export interface Tarball {
  name: PackageName;
  file: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

export interface ConsumerProject {
  dir: string;
  tarballs: Tarball[];
  /** Runs a command in the project with a bounded time; rejects with its output when it fails. */
  exec(command: string, args: string[], timeoutMs?: number): Promise<string>;
  /** Type-checks the project's .ts and .tsx files with `moduleResolution` set as given. */
  typecheck(resolution: 'bundler' | 'node16'): Promise<string>;
  remove(): void;
}

async function execIn(cwd: string, command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  try {
    const { stdout } = await run(command, args, { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** True when an `npm` this test can run is on the PATH. */
export async function npmAvailable(): Promise<boolean> {
  try {
    await run('npm', ['--version'], { timeout: 15_000 });
    return true;
  } catch {
    return false;
  }
}

const strictOptions = (resolution: 'bundler' | 'node16', types: string[]) => ({
  compilerOptions: {
    strict: true,
    skipLibCheck: false,
    noEmit: true,
    target: 'ES2022',
    module: resolution === 'bundler' ? 'ESNext' : 'Node16',
    moduleResolution: resolution === 'bundler' ? 'Bundler' : 'Node16',
    types,
    // React's automatic runtime, as a Vite or Next app has it; a project without .tsx files never uses it.
    jsx: 'react-jsx',
  },
  include: ['*.ts', '*.tsx'],
});

export interface ProjectOptions {
  /** The tarballs it installs, nothing else from this repository. */
  packages: readonly PackageName[];
  /** The folder beside this file whose files the project starts with. */
  files: string;
  /** Installs @types/node, as a Node backend has it; a browser app does not. */
  nodeTypes: boolean;
  /** What else the project takes from the registry (react, express…), as `name@range`. */
  fromRegistry?: string[];
}

export async function makeConsumerProject(o: ProjectOptions): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), 'contoso-voice-consumer-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const packs = join(dir, 'tarballs');
    mkdirSync(packs);
    const tarballs: Tarball[] = [];
    for (const name of o.packages) {
      const out = await execIn(join(REPO, 'packages', name), 'npm', ['pack', '--json', '--pack-destination', packs]);
      const [info] = JSON.parse(out) as { filename: string; size: number; unpackedSize: number; files: PackedFile[] }[];
      tarballs.push({ name, file: join(packs, info!.filename), size: info!.size, unpackedSize: info!.unpackedSize, files: info!.files });
    }
    const project = join(dir, 'shop');
    cpSync(fileURLToPath(new URL(`./${o.files}/`, import.meta.url)), project, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-shop', private: true, type: 'module' }, null, 2));
    // Hono, zod, openai… come from the registry, through npm's cache when it has them.
    await execIn(project, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...tarballs.map((t) => t.file), ...(o.nodeTypes ? ['@types/node@^20.19'] : []), ...(o.fromRegistry ?? [])], 120_000);
    return {
      dir: project,
      tarballs,
      exec: (command, args, timeoutMs) => execIn(project, command, args, timeoutMs),
      async typecheck(resolution) {
        const config = `tsconfig.${resolution}.json`;
        writeFileSync(join(project, config), JSON.stringify(strictOptions(resolution, o.nodeTypes ? ['node'] : []), null, 2));
        return execIn(project, process.execPath, [TSC, '-p', config], 60_000);
      },
      remove,
    };
  } catch (err) {
    remove();
    throw err;
  }
}

/** The project's installed package directories, to show nothing is linked back into the repository. */
export const installedScopes = (project: string) => readdirSync(join(project, 'node_modules/@contoso-voice'));
