/**
 * What each source module costs in the script-tag build: reads the hidden
 * source maps beside dist/iife/*.js, gives every stretch of minified code to
 * the module it came from, and prints raw bytes and their share of each
 * file's gzip size (gzip does not split by module, so the share is the raw
 * proportion of the file's real gzip size).
 *
 *   npm run build && node --import tsx scripts/widget-bytes.ts [--top 40]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';

const DIST = 'packages/widget/dist/iife/';
const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 40;

function files(): string[] {
  if (!existsSync(`${DIST}widget.js`)) throw new Error(`No build at ${DIST}: run "npm run build" first.`);
  const chunks = existsSync(`${DIST}chunks`) ? readdirSync(`${DIST}chunks`).map((f) => `chunks/${f}`) : [];
  return ['widget.js', ...chunks].filter((f) => f.endsWith('.js'));
}

/** Raw bytes per source module in one minified file, from its map. */
function bytesBySource(file: string): Map<string, number> {
  const code = readFileSync(DIST + file, 'utf8');
  const lines = code.split('\n');
  const map = new TraceMap(readFileSync(`${DIST}${file}.map`, 'utf8'));
  const spans: { line: number; column: number; source: string }[] = [];
  eachMapping(map, (m) => spans.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source ?? '(none)' }));
  const out = new Map<string, number>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const next = spans[i + 1];
    const end = next && next.line === s.line ? next.column : lines[s.line - 1]!.length;
    const short = s.source.replace(/^.*node_modules\//, '').replace(/^.*packages\/widget\/src\//, '');
    out.set(short, (out.get(short) ?? 0) + Buffer.byteLength(lines[s.line - 1]!.slice(s.column, end)));
  }
  return out;
}

for (const file of files()) {
  const raw = readFileSync(DIST + file);
  const gz = gzipSync(raw, { level: 9 }).length;
  const bySource = [...bytesBySource(file)].sort((a, b) => b[1] - a[1]);
  console.log(`\n${file}: ${raw.length} B raw, ${gz} B gzip`);
  for (const [source, bytes] of bySource.slice(0, top)) {
    console.log(`  ${String(bytes).padStart(6)} B raw  ~${String(Math.round((gz * bytes) / raw.length)).padStart(5)} B gzip  ${source}`);
  }
}
