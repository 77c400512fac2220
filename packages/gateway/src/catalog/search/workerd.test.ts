/**
 * The search must run on Cloudflare workerd as well as Node: bundle it the
 * way a worker is bundled (platform neutral, no Node built-ins), check the
 * bundle has no eval-like code, and run a search inside workerd itself.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { describe, expect, it } from 'vitest';

const entry = `
import { buildCatalogIndex } from ${JSON.stringify(fileURLToPath(new URL('./index.ts', import.meta.url)))};
const product = (id, name) => ({ id, name, description: '', brand: 'Acme', categoryPath: ['Bikes', 'Road bikes'], price: 10, currency: 'EUR', availability: 'in_stock', image: '', url: '', tags: [], variants: [] });
const index = buildCatalogIndex([product('a', 'Vélo Léger'), product('b', 'Regenjacke für Radfahrer')], { language: 'de' });
export default { fetch: (request) => Response.json(index.search(new URL(request.url).searchParams.get('q') ?? '').map((h) => h.product.id)) };
`;

describe('on workerd', () => {
  it('bundles without Node built-ins or eval, and searches inside workerd', async () => {
    const bundle = await build({
      stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s*["']node:|require\(/);
    expect(code).not.toMatch(/\beval\(|new Function\(|\bFunction\(/);

    const mf = new Miniflare({ modules: true, script: code, compatibilityDate: '2025-01-01' });
    try {
      const response = await mf.dispatchFetch('http://catalog.test/?q=velo%20leger');
      expect(await response.json()).toEqual(['a']);
      const german = await mf.dispatchFetch('http://catalog.test/?q=Regenjacken');
      expect(await german.json()).toEqual(['b']);
    } finally {
      await mf.dispose();
    }
  });
});
