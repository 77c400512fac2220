/**
 * The packages as a developer meets them: packed, installed from the
 * tarballs into a fresh project outside the repository, type-checked under
 * --strict without skipLibCheck, and run with plain Node.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySessionToken } from '../../packages/gateway/src/security/session-token.js';
import { installedScopes, makeConsumerProject, npmAvailable, REPO, type ConsumerProject } from './consumer-project.js';

/** Each package's main entry, compiled. */
const MAIN_ENTRY = { protocol: 'dist/index.js', gateway: 'dist/app.js', widget: 'dist/esm/index.js' } as const;

const hasNpm = await npmAvailable();
if (!hasNpm) console.warn('\n*** tests/packaging SKIPPED: npm is not on the PATH, so the packages cannot be packed and installed. ***\n');

// Packs what the sources say now, not a stale dist/ (a no-op when `npm run build` just ran).
beforeAll(() => {
  if (hasNpm) execFileSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-b', join(REPO, 'packages/gateway/tsconfig.build.json')], { stdio: 'pipe', timeout: 60_000 });
}, 90_000);

describe.skipIf(!hasNpm)('the packed packages in a fresh project', () => {
  let project: ConsumerProject;

  beforeAll(async () => {
    project = await makeConsumerProject({ packages: ['protocol', 'gateway'], files: 'consumer', nodeTypes: true });
  }, 150_000);
  afterAll(() => project?.remove());

  it('ships compiled JavaScript, declarations and maps, and no tests', () => {
    for (const tarball of project.tarballs) {
      const paths = tarball.files.map((f) => f.path);
      expect(paths).toContain(MAIN_ENTRY[tarball.name]);
      expect(paths.some((p) => p.endsWith('.d.ts.map'))).toBe(true);
      expect(paths.filter((p) => /\.test\.ts$|^test\//.test(p))).toEqual([]);
      expect(paths).toContain('README.md');
    }
  });

  it('installs real copies, not links into this repository', () => {
    for (const name of installedScopes(project.dir)) {
      expect(lstatSync(join(project.dir, 'node_modules/@contoso-voice', name)).isSymbolicLink()).toBe(false);
    }
    expect(installedScopes(project.dir).sort()).toEqual(['gateway', 'protocol']);
  });

  it.each(['bundler', 'node16'] as const)('type-checks a consumer under --strict without skipLibCheck (moduleResolution %s)', async (resolution) => {
    await expect(project.typecheck(resolution)).resolves.toBe('');
  }, 60_000);

  it('mints a session token with plain node', async () => {
    const minted = JSON.parse(await project.exec(process.execPath, ['mint-token.mjs', 'a-site-secret-for-packaging'], 20_000)) as { token: string; expires_at: number };
    const check = await verifySessionToken(minted.token, () => 'a-site-secret-for-packaging');
    expect(check).toEqual({ ok: true, claims: expect.objectContaining({ site: 'demo', origin: 'https://shop.example', iss: 'site' }) });
  }, 30_000);

  it('runs the gateway with the local engine and the demo site from the tarball', async () => {
    const { status, body } = JSON.parse(await project.exec(process.execPath, ['serve-local.mjs'], 20_000)) as { status: number; body: { upstream: string; sites: Record<string, { products: number } | null> } };
    expect(status).toBe(200);
    expect(body.upstream).toBe('local');
    expect(body.sites.demo?.products).toBeGreaterThan(0);
  }, 30_000);

  it('serves the gateway at /voice in a node:http server of its own, socket included', async () => {
    const seen = JSON.parse(await project.exec(process.execPath, ['attach-node-http.mjs'], 20_000)) as { tokenStatus: number; firstEvent: string; secondEvent: string; site: string };
    expect(seen).toEqual({ tokenStatus: 200, firstEvent: 'session.created', secondEvent: 'gateway.session', site: 'demo' });
  }, 30_000);
});

describe.skipIf(!hasNpm)('the protocol package alone, in a browser app', () => {
  let project: ConsumerProject;

  beforeAll(async () => {
    project = await makeConsumerProject({ packages: ['protocol'], files: 'protocol-consumer', nodeTypes: false });
  }, 120_000);
  afterAll(() => project?.remove());

  // The Realtime event types come from openai: this fails (TS2307) unless the protocol brings it along.
  it.each(['bundler', 'node16'] as const)('type-checks with nothing else installed (moduleResolution %s)', async (resolution) => {
    await expect(project.typecheck(resolution)).resolves.toBe('');
  }, 60_000);
});
