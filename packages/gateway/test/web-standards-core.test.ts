/**
 * The core (createGateway and everything it imports) runs on Web Standards
 * only, so the Cloudflare Worker can run it unchanged. Bundling it for the
 * browser platform fails on any Node built-in that creeps in.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

describe('the gateway core', () => {
  it('bundles for a Web-Standards runtime with no Node built-ins', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/app.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.includes('session/session.ts'))).toBe(true);
    expect(inputs.filter((f) => f.startsWith('node:') || /node_modules\/(ws|openai)\//.test(f))).toEqual([]);
    // The local engine belongs to the core too: the Worker runs it offline.
    const local = await build({
      entryPoints: [fileURLToPath(new URL('../src/upstream/local/index.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    expect(local.errors).toEqual([]);
  });
});
