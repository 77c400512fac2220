/**
 * Prometheus text for runtimes without prom-client (the Worker): one series
 * per key, the key being the series as the text format writes it, so
 * totals can be kept, summed and rendered with no other bookkeeping.
 */
import { FAMILIES, FAMILY_LIST, type FamilyKey } from './families.js';
import type { LabelValues } from './sink.js';

const escapeValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** `name{a="x",b="y"}`, labels in the family's order; `extra` (a histogram's `le`) last. */
export function seriesKey(name: string, labelNames: readonly string[], values: LabelValues, extra?: [string, string]): string {
  const pairs = labelNames.map((l, i) => `${l}="${escapeValue(values[i] ?? '')}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeValue(extra[1])}"`);
  return `${name}{${pairs.join(',')}}`;
}

/** The series one observation adds 1 (or the value, for `_sum`) to: cumulative buckets, +Inf, sum, count. */
export function histogramAdds(key: FamilyKey, values: LabelValues, value: number): [string, number][] {
  const f = FAMILIES[key];
  const adds: [string, number][] = [];
  for (const bound of f.buckets ?? []) if (value <= bound) adds.push([seriesKey(`${f.name}_bucket`, f.labels, values, ['le', String(bound)]), 1]);
  adds.push([seriesKey(`${f.name}_bucket`, f.labels, values, ['le', '+Inf']), 1]);
  adds.push([seriesKey(`${f.name}_sum`, f.labels, values), value]);
  adds.push([seriesKey(`${f.name}_count`, f.labels, values), 1]);
  return adds;
}

const familyOf = (series: string) => series.slice(0, series.indexOf('{'));

/** A histogram's buckets in the order of their bounds, as Prometheus expects them within a series. */
function bucketOrder(series: string): number {
  const le = /le="([^"]+)"/.exec(series)?.[1];
  return le === undefined ? 0 : le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
}

/** The whole page: HELP and TYPE for every family, then its series. */
export function renderSeries(values: ReadonlyMap<string, number>): string {
  const byName = new Map<string, string[]>();
  for (const series of values.keys()) {
    const name = familyOf(series);
    const list = byName.get(name) ?? [];
    list.push(series);
    byName.set(name, list);
  }
  const lines: string[] = [];
  for (const f of FAMILY_LIST) {
    lines.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${f.name} ${f.type}`);
    const names = f.type === 'histogram' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name];
    const series = names.flatMap((n) => byName.get(n) ?? []);
    // Grouped by their labels without `le`, buckets ascending, then sum and count.
    const group = (s: string) => s.replace(/,?le="[^"]*"/, '').replace(/^[^{]*_(bucket|sum|count)\{/, '{');
    series.sort((a, b) => group(a).localeCompare(group(b)) || names.indexOf(familyOf(a)) - names.indexOf(familyOf(b)) || bucketOrder(a) - bucketOrder(b));
    for (const s of series) lines.push(`${s} ${values.get(s)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
