/**
 * npm run bench:catalog — the catalog search at 2,000 and 50,000 generated
 * products: index build time, heap and RSS after load, and search latency
 * p50/p99 over 1,000 varied queries, in-process and over HTTP (a small Hono
 * app on 127.0.0.1, real fetch), for the new index and, in the same run,
 * the previous hand-written search (bench/baseline) as a baseline.
 *
 * Heap figures need a forced GC: the script re-runs itself under
 * `node --expose-gc` when global.gc is missing. Prints figures; asserts nothing.
 *
 *   SIZES=2000,50000 QUERIES=1000 npm run bench:catalog
 */
import { spawnSync } from 'node:child_process';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { generateCatalog } from '../packages/gateway/test/helpers/catalog-generator.js';
import { buildCatalogIndex } from '../packages/gateway/src/catalog/search/index.js';
import type { SearchFilters } from '../packages/gateway/src/catalog/search/types.js';
import type { Product } from '../packages/gateway/src/catalog/types.js';
import { slugify } from '../packages/gateway/src/catalog/search/text-fold.js';
import { buildCatalogIndex as buildBaselineIndex } from './baseline/catalog-search.js';
import { toLegacyProduct } from './baseline/legacy-product.js';
import { benchQueries, type BenchQuery } from './catalog-queries.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Re-run with --expose-gc so heap figures are after a real collection, not whenever V8 last swept.
  const run = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}

const SIZES = (process.env.SIZES ?? '2000,50000').split(',').map(Number);
const QUERIES = Number(process.env.QUERIES ?? 1_000);
const LIMIT = 5;

type Search = (q: string, filters: SearchFilters | undefined, limit: number) => { id: string; name: string; price: number; score: number }[];
interface Engine {
  name: string;
  build(products: Product[]): Search;
}

const engines: Engine[] = [
  {
    name: 'new index',
    build(products) {
      const index = buildCatalogIndex(products, { language: 'en' });
      return (q, filters, limit) => index.search(q, filters, limit).map((h) => ({ id: h.product.id, name: h.product.name, price: h.product.price, score: h.score }));
    },
  },
  {
    name: 'baseline',
    build(products) {
      const index = buildBaselineIndex(products.map(toLegacyProduct));
      // The old search knew one category per product, by id, and no availability.
      return (q, filters, limit) =>
        index.search(q, filters && { ...filters, category: filters.category && slugify(filters.category) }, limit).map((h) => ({ id: h.product.id, name: h.product.name, price: h.product.price, score: h.score }));
    },
  },
];

const MiB = 2 ** 20;
const heapUsed = () => {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
};
const ms = (n: number) => n.toFixed(3).padStart(8);
const percentiles = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! };
};

/**
 * Wall time per query, and CPU time per query: on a shared machine the wall
 * clock's tail is mostly this process waiting for a core, which the CPU time
 * leaves out (it does include V8's GC and compiler threads).
 */
function inProcess(search: Search, queries: BenchQuery[]): { wall: number[]; cpu: number[] } {
  for (const { q, filters } of queries.slice(0, 100)) search(q, filters, LIMIT); // warm-up: let V8 optimise first
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const { q, filters } of queries) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    search(q, filters, LIMIT);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

function searchUrl(base: string, { q, filters }: BenchQuery): string {
  const params = new URLSearchParams({ q });
  if (filters?.category) params.set('category', filters.category);
  if (filters?.minPrice !== undefined) params.set('minPrice', String(filters.minPrice));
  if (filters?.maxPrice !== undefined) params.set('maxPrice', String(filters.maxPrice));
  return `${base}/search?${params}`;
}

async function overHttp(base: string, queries: BenchQuery[]): Promise<number[]> {
  for (const query of queries.slice(0, 50)) await (await fetch(searchUrl(base, query))).json();
  const times: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    const response = await fetch(searchUrl(base, query));
    await response.json();
    times.push(performance.now() - started);
  }
  return times;
}

function startServer(search: Search): Promise<{ base: string; close: () => void }> {
  const app = new Hono();
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  app.get('/search', (c) => {
    const filters: SearchFilters = { category: c.req.query('category'), minPrice: num(c.req.query('minPrice')), maxPrice: num(c.req.query('maxPrice')) };
    return c.json({ hits: search(c.req.query('q') ?? '', filters, LIMIT) });
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve({ base: `http://127.0.0.1:${info.port}`, close: () => server.close() }));
  });
}

console.log(`catalog search bench — node ${process.version}, heap after global.gc() (--expose-gc), ${QUERIES} queries, limit ${LIMIT}`);
for (const size of SIZES) {
  const before = heapUsed();
  const products = generateCatalog({ count: size, seed: 42, shop: 'bikes' });
  const catalogHeap = heapUsed() - before;
  const queries = benchQueries(products, QUERIES);
  console.log(`\n${size.toLocaleString('en')} products (catalog itself: ${(catalogHeap / MiB).toFixed(1)} MiB heap)`);
  console.log(`${''.padEnd(49)} | ${'in-process (ms)'.padEnd(36)} | over HTTP (ms)`);
  console.log(`${'engine'.padEnd(10)} ${'build ms'.padStart(9)} ${'index MiB'.padStart(9)} ${'heap MiB'.padStart(9)} ${'rss MiB'.padStart(8)} | ${'p50'.padStart(9)} ${'p99'.padStart(8)} ${'cpu p99'.padStart(9)} ${'max'.padStart(8)} | ${'p50'.padStart(9)} ${'p99'.padStart(8)} ${'max'.padStart(8)}`);
  const searches: Search[] = [];
  const rows: string[] = [];
  for (const engine of engines) {
    const start = heapUsed();
    const started = performance.now();
    const search = engine.build(products);
    const buildMs = performance.now() - started;
    const end = heapUsed();
    searches.push(search);
    rows.push(`${engine.name.padEnd(10)} ${buildMs.toFixed(0).padStart(9)} ${((end - start) / MiB).toFixed(1).padStart(9)} ${(end / MiB).toFixed(1).padStart(9)} ${(process.memoryUsage().rss / MiB).toFixed(0).padStart(8)}`);
  }
  for (const [i, engine] of engines.entries()) {
    const local = inProcess(searches[i]!, queries);
    // One server per engine, started just before use: an idle keep-alive socket from an earlier run could be reset mid-request.
    const server = await startServer(searches[i]!);
    let http: number[];
    try {
      http = await overHttp(server.base, queries);
    } finally {
      server.close();
    }
    const wall = percentiles(local.wall);
    const cpu = percentiles(local.cpu);
    const net = percentiles(http);
    console.log(`${rows[i]} | ${ms(wall.p50).padStart(9)} ${ms(wall.p99)} ${ms(cpu.p99).padStart(9)} ${ms(wall.max)} | ${ms(net.p50).padStart(9)} ${ms(net.p99)} ${ms(net.max)}`);
  }
  const sample = searches[0]!('velo leger', undefined, 1)[0];
  console.log(`  e.g. "velo leger" → ${sample ? `${sample.name} (${sample.id})` : 'nothing'}`);
}
