/**
 * @contoso-voice/widget as a front-end developer meets it: packed, installed
 * from the tarballs (with the protocol it depends on) into a fresh React
 * project outside the repository, type-checked under --strict without
 * skipLibCheck, and bundled with esbuild. `npm run build` makes the widget's
 * dist/ (npm test runs it first), as for the script-tag size test.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedScopes, makeConsumerProject, npmAvailable, REPO, type ConsumerProject, type Tarball } from './consumer-project.js';

const ESBUILD = join(REPO, 'node_modules/esbuild/bin/esbuild');
const WIDGET_DIST = join(REPO, 'packages/widget/dist');

const hasNpm = await npmAvailable();
if (!hasNpm) console.warn('\n*** tests/packaging (widget) SKIPPED: npm is not on the PATH, so the packages cannot be packed and installed. ***\n');

/** The packages a file imports by name (`from 'x'`, `import('x')`), relative imports left out. */
const bareImports = (code: string) => [...code.matchAll(/(?:from |import\()['"]([^'".][^'"]*)['"]/g)].map((m) => m[1]!.split('/').slice(0, m[1]!.startsWith('@') ? 2 : 1).join('/'));

describe.skipIf(!hasNpm)('the widget package in a fresh React project', () => {
  let project: ConsumerProject;
  let widget: Tarball;
  const installed = (path: string) => join(project.dir, 'node_modules/@contoso-voice/widget', path);

  beforeAll(async () => {
    if (!existsSync(join(WIDGET_DIST, 'esm/index.js'))) throw new Error(`No widget build in ${WIDGET_DIST}: run "npm run build" (npm test does).`);
    project = await makeConsumerProject({
      packages: ['protocol', 'widget'],
      files: 'react-consumer',
      nodeTypes: false,
      fromRegistry: ['react@^19', '@types/react@^19', '@nanostores/react@^2'],
    });
    widget = project.tarballs.find((t) => t.name === 'widget')!;
  }, 150_000);
  afterAll(() => project?.remove());

  it('ships the builds, declarations with maps and a README, and no tests', () => {
    const paths = widget.files.map((f) => f.path);
    for (const entry of ['dist/esm/index.js', 'dist/esm/headless.js', 'dist/iife/widget.js', 'dist/iife/chunks/app.js', 'dist/iife/worklets/audio.js', 'dist/types/index.d.ts', 'dist/types/index.d.ts.map', 'README.md']) {
      expect(paths, entry).toContain(entry);
    }
    expect(paths.filter((p) => /\.test\.tsx?$|^test\//.test(p))).toEqual([]);
  });

  it('ships no stale chunks: every ESM file is an entry or imported by one (statically, or with import() as the other languages are)', () => {
    const shipped = readdirSync(installed('dist/esm')).filter((f) => f.endsWith('.js'));
    const reached = new Set(['index.js', 'headless.js']);
    for (const entry of [...reached]) {
      for (const [, chunk] of readFileSync(installed(`dist/esm/${entry}`), 'utf8').matchAll(/(?:from |import\()'\.\/([^']+)'/g)) reached.add(chunk!);
    }
    expect(shipped.sort()).toEqual([...reached].sort());
  });

  it('declares every package its JavaScript and its types import, and is ready to publish', () => {
    const manifest = JSON.parse(readFileSync(installed('package.json'), 'utf8')) as Record<string, unknown> & { dependencies: Record<string, string> };
    expect(manifest).toMatchObject({ license: 'UNLICENSED', engines: { node: expect.any(String) }, sideEffects: ['./dist/iife/widget.js'] });
    expect(manifest.private).toBeUndefined();
    const files = widget.files.map((f) => f.path).filter((p) => /^dist\/(esm\/.*\.js|types\/.*\.d\.ts)$/.test(p));
    const imported = new Set(files.flatMap((f) => bareImports(readFileSync(installed(f), 'utf8'))));
    expect(imported).toContain('@contoso-voice/protocol');
    expect([...imported].filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });

  it('installs real copies of the widget and the protocol, nothing else from this repository', () => {
    expect(installedScopes(project.dir).sort()).toEqual(['protocol', 'widget']);
  });

  // The React file uses the typed on('add_to_cart'), atoms through useStore and getToken; its @ts-expect-error lines fail if any of that is `any`.
  it.each(['bundler', 'node16'] as const)('type-checks a React component under --strict without skipLibCheck (moduleResolution %s)', async (resolution) => {
    await expect(project.typecheck(resolution)).resolves.toBe('');
  }, 60_000);

  /** Bundles one of the project's entry files with the repository's esbuild; gives the source files that went in. */
  async function bundledInputs(entry: string): Promise<string[]> {
    await project.exec(ESBUILD, [entry, '--bundle', '--format=esm', '--platform=browser', `--outfile=out/${entry}.js`, `--metafile=out/${entry}.meta.json`, '--log-level=error'], 30_000);
    return Object.keys((JSON.parse(readFileSync(join(project.dir, `out/${entry}.meta.json`), 'utf8')) as { inputs: Record<string, unknown> }).inputs);
  }

  it('bundles a headless-only import without Preact', async () => {
    const inputs = await bundledInputs('headless-only.ts');
    expect(inputs).toContain('node_modules/@contoso-voice/widget/dist/esm/headless.js');
    expect(inputs.filter((p) => p.includes('node_modules/nanostores/'))).not.toEqual([]);
    expect(inputs.filter((p) => p.includes('node_modules/preact/'))).toEqual([]);
    // The same check sees Preact where it belongs: in a bundle of the assistant with its UI.
    expect((await bundledInputs('with-ui.ts')).filter((p) => p.includes('node_modules/preact/'))).not.toEqual([]);
  }, 60_000);
});
