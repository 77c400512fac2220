/**
 * The core (createGateway and everything it imports, the local engine
 * included) runs on Web Standards only, so the Cloudflare Worker can run it
 * unchanged. Bundling it for the browser platform fails on any Node
 * built-in that creeps in.
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const bundleForBrowser = (entry: string) =>
  build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });

describe('the gateway core', () => {
  it('bundles for a Web-Standards runtime with no Node built-ins', async () => {
    const result = await bundleForBrowser('../src/app.ts');
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((f) => f.includes('session/session.ts'))).toBe(true);
    expect(inputs.filter((f) => f.startsWith('node:') || /node_modules\/(ws|openai)\//.test(f))).toEqual([]);
    // The Worker runs the local engine offline too.
    const local = await bundleForBrowser('../src/upstream/local/index.ts');
    expect(local.errors).toEqual([]);
  });
});
