/**
 * Reads /metrics as Prometheus would: the text through a Prometheus
 * text-format parser (parse-prometheus-text-format), then one number per
 * series. The parser keeps the labels of counters and gauges; it folds a
 * labelled histogram's series together, so histograms are checked by their
 * family's presence and their calls counter instead.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';

export type Scrape = ReturnType<typeof parsePrometheusTextFormat>;

export async function scrape(url: string, token?: string): Promise<Scrape> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  if (!res.headers.get('content-type')?.startsWith('text/plain')) throw new Error(`GET ${url}: content-type ${res.headers.get('content-type')}`);
  return parsePrometheusTextFormat(await res.text());
}

/** The value of the series with exactly these labels (among others it may have), 0 when it does not exist yet. */
export function sample(families: Scrape, name: string, labels: Record<string, string> = {}): number {
  const family = families.find((f) => f.name === name);
  const match = family?.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)) ?? [];
  return match.reduce((sum, m) => sum + Number(m.value ?? 0), 0);
}

/** What each named series moved by between two scrapes. */
export function moved(before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}): number {
  return sample(after, name, labels) - sample(before, name, labels);
}
