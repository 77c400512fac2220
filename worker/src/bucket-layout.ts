/**
 * Where sites live in the SITES bucket, shared by the upload command that
 * writes them and the Worker that reads them:
 *   sites/index.json            the manifest: which sites are served
 *   sites/<id>.json             a site file, its local catalog source rewritten to a bucket key
 *   catalogs/<id>/<file name>   that catalog, as the retailer wrote it
 * The manifest is written last, so a reader never sees a half-uploaded set.
 */

/** The bucket_name of the SITES binding in wrangler.toml. */
export const SITES_BUCKET = 'contoso-voice-sites';

export const MANIFEST_KEY = 'sites/index.json';
export const siteKey = (siteId: string) => `sites/${siteId}.json`;
export const catalogKey = (siteId: string, fileName: string) => `catalogs/${siteId}/${fileName}`;

export interface SitesManifest {
  sites: string[];
  uploadedAt: string;
}

/** The manifest's site ids, or an error that says what is wrong with it. */
export function parseManifest(text: string): SitesManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${MANIFEST_KEY} is not JSON (${(err as Error).message})`);
  }
  const sites = (raw as { sites?: unknown } | null)?.sites;
  if (!Array.isArray(sites) || !sites.every((s) => typeof s === 'string')) throw new Error(`${MANIFEST_KEY}: "sites" must be a list of site ids`);
  const uploadedAt = (raw as { uploadedAt?: unknown }).uploadedAt;
  return { sites, uploadedAt: typeof uploadedAt === 'string' ? uploadedAt : '' };
}
