/**
 * Fetches the app chunk once, however many things ask for it. A failed load
 * (404, offline, blocked by CSP) is reported with its URL and forgotten, so
 * the next request tries again.
 */
import type { Start } from './contract.js';

export function appLoader(url: string): () => Promise<Start> {
  let pending: Promise<Start> | null = null;
  let attempt = 0;
  const load = async (): Promise<Start> => {
    // The browser keeps a failed module's result for its URL, so a retry must ask for a new one.
    const mod = (await import(attempt++ ? `${url}?retry=${attempt}` : url)) as { start?: Start };
    if (typeof mod.start !== 'function') throw new Error(`${url} has no start()`);
    return mod.start;
  };
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = null;
      console.warn(`ContosoVoice: could not load ${url}`, err);
      throw err;
    }));
}
