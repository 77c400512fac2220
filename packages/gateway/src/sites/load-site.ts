/** One site from its file's text: validated, defaults filled, catalog source resolved by the runtime. */
import { parseSiteFile } from './site-file.js';
import { siteFromFile } from './site-config.js';
import type { SiteConfig } from './types.js';

export function loadSite(text: string, fileName: string, resolveSource: (source: string) => string): SiteConfig {
  return siteFromFile(parseSiteFile(text, fileName), resolveSource);
}

/** Refuses two sites with one id, naming both files. */
export function checkUniqueIds(sites: { site: SiteConfig; file: string }[]): void {
  const seen = new Map<string, string>();
  for (const { site, file } of sites) {
    const first = seen.get(site.id);
    if (first) throw new Error(`${file}: id: "${site.id}" is already the id of ${first}`);
    seen.set(site.id, file);
  }
}
