/**
 * What `sites:upload` will write, worked out before anything is written:
 * every site file validated as `npm start` validates it, every local catalog
 * parsed and indexed as the Worker will. A bad file or an unusable feed
 * throws, naming the file, the field and the reason; skipped feed rows are
 * only reported.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readSiteFilesWithNames, siteFilesIn } from '@contoso-voice/gateway/sites-dir';
import { isUrlSource, type SiteConfig } from '@contoso-voice/gateway/sites';
import { indexCatalogText, parseCatalog, toContosoJson } from '@contoso-voice/gateway/catalog';
import { catalogKey, MANIFEST_KEY, siteKey, type SitesManifest } from '../src/bucket-layout.js';

/** Wrangler sends an object in one PUT and refuses files over this (R2's own single-PUT limit is 5 GiB). */
export const WRANGLER_MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

export interface UploadObject {
  key: string;
  file: string;
  contentType: string;
}

export interface UploadPlan {
  /** In writing order: each site's catalog, then its site file; the manifest last. */
  objects: UploadObject[];
  /** One line per site: products, and skipped rows by row number. */
  report: string[];
  /** The temp dir holding the rewritten site files and the manifest; the caller removes it. */
  staging: string;
}

/**
 * A feed is uploaded as our own JSON, parsed here once: a retailer's XML
 * takes many times its size to parse (a 43 MB Merchant feed of 20,000
 * products peaked over 500 MB of heap), while the same catalog as our JSON
 * parses and indexes in about 66 MiB, within a Durable Object's 128 MB.
 * Above this many products that no longer holds: said, not refused, since
 * the limit is the platform's.
 */
const DURABLE_OBJECT_SAFE_PRODUCTS = 25_000;

/** Skipped rows named in the report; the rest are counted. */
const SKIPPED_SHOWN = 20;


function readCatalog(site: SiteConfig, file: string): { text: string; size: number } {
  const where = `${file}: catalog.source: ${site.catalog.source}`;
  let size: number;
  try {
    size = statSync(site.catalog.source).size;
  } catch (err) {
    throw new Error(`${where}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (size > site.catalog.maxBytes) throw new Error(`${where}: ${size} bytes, over the site's ${site.catalog.maxBytes}-byte limit (catalog.maxMegabytes)`);
  if (size > WRANGLER_MAX_UPLOAD_BYTES) throw new Error(`${where}: ${size} bytes, over wrangler's ${WRANGLER_MAX_UPLOAD_BYTES}-byte upload limit; serve it from an https URL instead`);
  return { text: readFileSync(site.catalog.source, 'utf8'), size };
}

function describeSkipped(site: SiteConfig, skipped: { row: number; id?: string; reason: string }[]): string {
  const shown = skipped.slice(0, SKIPPED_SHOWN).map((r) => `row ${r.row}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  const more = skipped.length > SKIPPED_SHOWN ? `; and ${skipped.length - SKIPPED_SHOWN} more` : '';
  return `site "${site.id}": ${skipped.length} feed rows skipped: ${shown.join('; ')}${more}`;
}

export function planUpload(dir: string, now = new Date()): UploadPlan {
  const loaded = readSiteFilesWithNames(siteFilesIn(dir));
  const staging = mkdtempSync(join(tmpdir(), 'contoso-sites-upload-'));
  try {
    return stage(loaded, staging, now);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function stage(loaded: { site: SiteConfig; file: string }[], staging: string, now: Date): UploadPlan {
  const objects: UploadObject[] = [];
  const report: string[] = [];
  const sites = loaded.map((l) => l.site);
  loaded.forEach(({ site, file }) => {
    const written = JSON.parse(readFileSync(file, 'utf8')) as { catalog: { source: string } };
    if (isUrlSource(site.catalog.source)) {
      report.push(`site "${site.id}" (${site.shopName}): catalog ${site.catalog.source}, fetched by the Worker`);
    } else {
      const { text, size } = readCatalog(site, file);
      let normalized: string;
      let built: ReturnType<typeof indexCatalogText>;
      try {
        const parsed = parseCatalog(text, { format: site.catalog.format, currency: site.catalog.currency, shopUrl: site.shopUrl });
        normalized = toContosoJson(parsed.products);
        built = indexCatalogText({ ...site, catalog: { ...site.catalog, format: 'contoso-json' } }, normalized);
        built.skipped = parsed.skipped;
      } catch (err) {
        throw new Error(`${file}: catalog.source: ${site.catalog.source}: ${(err as Error).message}`);
      }
      const staged = join(staging, `${site.id}.catalog.json`);
      writeFileSync(staged, normalized);
      const key = catalogKey(site.id, 'catalog.json');
      objects.push({ key, file: staged, contentType: 'application/json' });
      written.catalog.source = key;
      (written.catalog as { format?: string }).format = 'contoso-json';
      report.push(`site "${site.id}" (${site.shopName}): ${built.index.size} products from ${basename(site.catalog.source)} (${size} bytes, uploaded as ${Buffer.byteLength(normalized)} bytes of checked JSON)`);
      if (built.skipped.length) report.push(describeSkipped(site, built.skipped));
      if (built.index.size > DURABLE_OBJECT_SAFE_PRODUCTS) {
        report.push(`site "${site.id}": warning: ${built.index.size} products may not index within a Durable Object's 128 MB of memory on Cloudflare (about ${DURABLE_OBJECT_SAFE_PRODUCTS.toLocaleString('en')} do); wrangler dev does not enforce that limit`);
      }
    }
    const staged = join(staging, `${site.id}.json`);
    writeFileSync(staged, `${JSON.stringify(written, null, 2)}\n`);
    objects.push({ key: siteKey(site.id), file: staged, contentType: 'application/json' });
  });
  const manifest: SitesManifest = { sites: sites.map((s) => s.id), uploadedAt: now.toISOString() };
  const manifestFile = join(staging, 'index.json');
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  objects.push({ key: MANIFEST_KEY, file: manifestFile, contentType: 'application/json' });
  return { objects, report, staging };
}
