/**
 * The script-tag build, all in (UI, socket, audio, worklets), is weighed
 * gzipped against its budget, and checked for the things a strict CSP forbids.
 * `npm test` builds first, so these read the files a retailer would load.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/iife/', import.meta.url));
// 16 KiB until #14's client tools (registerTool, tool calls bounded in time and size, the defaults for the shop
// actions, the confirmation card with Undo) measured 17,574 B, rounded up to the next 256 B; #15 (push-to-talk on
// the mic button, the response_timeout line) and the cards using the page's cart handler raised it to 18,454 B, budgeted at 18,688 B until the lazy loader of a
// later issue brings the first load back down.
const BUDGET_BYTES = 18_688;

function scriptTagFiles(): string[] {
  if (!existsSync(`${DIST}widget.js`)) throw new Error(`No build at ${DIST}: run "npm run build" (npm test does).`);
  return ['widget.js', ...readdirSync(`${DIST}worklets`).filter((f) => f.endsWith('.js')).map((f) => `worklets/${f}`)];
}

describe('the script-tag build', () => {
  it(`weighs at most ${BUDGET_BYTES} bytes gzipped, all in`, () => {
    const sizes = scriptTagFiles().map((f) => [f, gzipSync(readFileSync(`${DIST}${f}`), { level: 9 }).length] as const);
    const total = sizes.reduce((n, [, s]) => n + s, 0);
    console.log(`widget gzip: ${sizes.map(([f, s]) => `${f} ${s} B`).join(', ')}; total ${total} B of ${BUDGET_BYTES} B`);
    expect(sizes.map(([f]) => f)).toContain('worklets/audio.js');
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('uses no eval and no Function constructor, so a strict CSP needs no unsafe-eval', () => {
    for (const f of scriptTagFiles()) {
      const code = readFileSync(`${DIST}${f}`, 'utf8');
      expect(code, f).not.toMatch(/\beval\s*\(/);
      expect(code, f).not.toMatch(/\bnew\s+Function\s*\(|[^.\w]Function\s*\(/);
    }
  });

  it('exports widget.js and the worklet module, so a shop can serve them from its own origin', () => {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
    for (const [entry, file] of [['./widget.js', 'iife/widget.js'], ['./worklets/audio.js', 'iife/worklets/audio.js']]) {
      const resolved = fileURLToPath(import.meta.resolve(`@contoso-voice/widget/${entry!.slice(2)}`));
      expect(resolved, entry).toBe(fileURLToPath(new URL(`../dist/${file}`, import.meta.url)));
      expect(existsSync(resolved), entry).toBe(true);
    }
    // The script tag defines <contoso-voice> when it runs: a bundler that imports it must keep it.
    expect(pkg.sideEffects).toEqual(['./dist/iife/widget.js']);
  });

  it('ships the npm entries and their types', () => {
    for (const f of ['esm/index.js', 'esm/headless.js', 'types/index.d.ts', 'types/headless.d.ts']) {
      expect(existsSync(fileURLToPath(new URL(`../dist/${f}`, import.meta.url))), f).toBe(true);
    }
  });
});
