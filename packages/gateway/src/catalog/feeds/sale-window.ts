/**
 * Whether a sale_price_effective_date (`2026-11-27T00:00-0800/2026-12-01T23:59-0800`)
 * covers `now`. A sale with no date, or a date we cannot read, is taken as
 * running: the retailer put the sale price in the feed to have it shown.
 */
export function saleIsRunning(window: string | undefined, now: number): boolean {
  if (!window) return true;
  const [startText, endText] = window.split('/');
  const start = startText ? Date.parse(startText.trim()) : Number.NaN;
  const end = endText ? Date.parse(endText.trim()) : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end)) return true;
  return start <= now && now < end;
}
