/**
 * Widget builds: the script-tag loader (IIFE) and the app chunks it loads, the npm ESM entries, and the two
 * AudioWorklet processors as files of their own. esbuild compiles and minifies;
 * CSS files become strings for the shadow root.
 */
import { rmSync } from 'node:fs';
import type { Plugin, RollupOptions } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const WIDGET = 'packages/widget';

// Chunk names carry a hash, so a build over an old dist/ would leave the old chunks beside the new ones and
// `npm pack` would ship them. The types are written after this config runs (tsconfig.types.json), so they start clean too.
rmSync(`${WIDGET}/dist`, { recursive: true, force: true });

/** Imports a .css file as its text, comments and extra white space removed. */
function cssAsText(): Plugin {
  return {
    name: 'css-as-text',
    transform(code, id) {
      if (!id.endsWith('.css')) return null;
      const min = code
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{}:;,>])\s*/g, '$1')
        .replace(/;}/g, '}')
        .trim();
      return { code: `export default ${JSON.stringify(min)};`, map: { mappings: '' } };
    },
  };
}

// ES2022 keeps class fields native (partysocket has many), so the property mangling below renames them consistently.
const compile = (minify: boolean) => [
  nodeResolve({ browser: true, extensions: ['.ts', '.tsx', '.js', '.mjs'] }),
  cssAsText(),
  esbuild({ target: 'es2022', minify, jsx: 'automatic', jsxImportSource: 'preact', tsconfig: 'tsconfig.json', define: { 'process.env.NODE_ENV': '"production"' } }),
];

/**
 * The script-tag files are weighed in CI, so they get terser's extra passes
 * on top of esbuild. partysocket's debug logging and its console.error help
 * texts (for Node and for browsers without EventTarget, neither of which runs
 * this build) are dropped; the widget reports its own problems with
 * console.warn, which stays. Functions that use neither `this` nor
 * `arguments` become arrows (unsafe_arrows, unsafe_methods): about 50 bytes.
 */
const squeeze = terser({
  ecma: 2020,
  compress: { passes: 3, pure_getters: true, unsafe_arrows: true, unsafe_methods: true, pure_funcs: ['this._debug', 'console.error'] },
  // partysocket's private members (`_options`, `_shouldReconnect`, …) are only ever reached by name from its own
  // class, so their names can be shortened; Preact's internals start with two underscores and are left alone.
  mangle: { properties: { regex: /^_[a-zA-Z]/ } },
});

// The worklet has few functions to turn into arrows, and comes out smaller without that pass.
const squeezeWorklet = terser({ ecma: 2020, compress: { passes: 3, pure_getters: true } });

const config: RollupOptions[] = [
  {
    // The script tag's loader: the launcher drawn without Preact and the page API's queue, nothing else (≤ 4 KB gzip).
    input: `${WIDGET}/src/embed.ts`,
    // The map is published beside the file but not linked from it: retailers' pages need not fetch it, and the comment costs bytes in the budget.
    output: { file: `${WIDGET}/dist/iife/widget.js`, format: 'iife', sourcemap: 'hidden', plugins: [squeeze] },
    plugins: compile(true),
  },
  {
    // What the loader import()s on the first interaction: the UI, socket and audio, as ES modules beside widget.js.
    // The entry keeps a fixed name the loader can ask for; chunks it loads later (other languages' strings) are hashed.
    input: { app: `${WIDGET}/src/loader/start.ts` },
    output: {
      dir: `${WIDGET}/dist/iife`,
      format: 'es',
      entryFileNames: 'chunks/[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: 'hidden',
      plugins: [squeeze],
    },
    plugins: compile(true),
  },
  {
    input: `${WIDGET}/src/audio/worklets/index.ts`,
    output: { file: `${WIDGET}/dist/iife/worklets/audio.js`, format: 'es', plugins: [squeezeWorklet] },
    plugins: compile(true),
  },
  {
    input: { index: `${WIDGET}/src/index.ts`, headless: `${WIDGET}/src/headless.ts` },
    // No hoisted bare `import 'nanostores'` lines in the entries: a consumer's esbuild warns on each one.
    output: { dir: `${WIDGET}/dist/esm`, format: 'es', sourcemap: true, hoistTransitiveImports: false },
    // npm users' bundlers share these with the rest of their app.
    external: [/^preact(\/|$)/, /^nanostores$/, /^partysocket(\/|$)/],
    plugins: compile(false),
  },
];

export default config;
