/**
 * When the loader fetches the app without being asked by the shopper: at
 * once when the last page left the panel open or a conversation going (so it
 * reappears without a visible delay), or when idle after load if the site
 * set data-preload="idle".
 */

/** What the last page kept for `site` under `name` (stores/persisted.ts), parsed; null if nothing or unreadable. */
export function kept(site: string, name: string): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(`contoso-voice:${site}:${name}`) ?? 'null');
  } catch {
    // Storage blocked (some private modes) or a corrupt entry: as if nothing was kept.
    return null;
  }
}

export function restored(site: string): boolean {
  const transcript = kept(site, 'transcript');
  return kept(site, 'open') === true || (Array.isArray(transcript) && transcript.length > 0);
}

export function whenIdle(fn: () => void): void {
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 5000 }) : setTimeout(fn, 1));
  if (document.readyState === 'complete') idle();
  else addEventListener('load', idle, { once: true });
}
