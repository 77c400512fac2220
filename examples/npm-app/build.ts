/** Builds the npm-app example with esbuild, importing the widget package from the workspace. */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
mkdirSync(here('./dist'), { recursive: true });
await build({ entryPoints: [here('./src/main.ts')], bundle: true, minify: true, format: 'esm', target: 'es2020', outfile: here('./dist/app.js'), logLevel: 'warning' });
copyFileSync(here('./index.html'), here('./dist/index.html'));
console.log(`npm-app: built ${here('./dist/')}`);
