/**
 * docs/grafana-dashboard.json is a dashboard Grafana can import, and it asks
 * only for what the gateway exposes: every query parses as PromQL (the
 * Prometheus project's own grammar, @prometheus-io/lezer-promql), every
 * metric it selects is a series the real registry renders, and every metric
 * family has a panel.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parser } from '@prometheus-io/lezer-promql';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { nodeMetrics } from './prom-registry.js';
import { FAMILY_LIST } from './families.js';

const DASHBOARD = new URL('../../../../docs/grafana-dashboard.json', import.meta.url);

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string; refId: string }[];
  gridPos: { x: number; y: number; w: number; h: number };
}

/** Grafana fills these in before Prometheus sees the query. */
const withGrafanaVariables = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m');

/** The metric names a query selects; throws on a query that does not parse. */
function selectedMetrics(expr: string): string[] {
  const text = withGrafanaVariables(expr);
  const tree = parser.parse(text);
  const names: string[] = [];
  const cursor = tree.cursor();
  do {
    if (cursor.type.isError) throw new Error(`does not parse at ${cursor.from}: ${text}`);
    if (cursor.name === 'VectorSelector') {
      const id = cursor.node.getChild('Identifier');
      if (id) names.push(text.slice(id.from, id.to));
    }
  } while (cursor.next());
  return names;
}

async function exposedSeries(): Promise<Set<string>> {
  const families = parsePrometheusTextFormat((await nodeMetrics({ sites: ['demo'] }).render()).body);
  return new Set(families.flatMap((f) => (f.type === 'HISTOGRAM' ? [`${f.name}_bucket`, `${f.name}_sum`, `${f.name}_count`] : [f.name])));
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[]; templating: { list: { name: string }[] } };
  const queried = dashboard.panels.filter((p) => p.type !== 'row');

  it('is a dashboard: a uid, panels with targets, a datasource and a site variable', () => {
    expect(dashboard.uid).toBe('contoso-voice-gateway');
    expect(queried.length).toBeGreaterThan(10);
    for (const p of queried) expect(p.targets?.length, p.title).toBeGreaterThan(0);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(expect.arrayContaining(['datasource', 'site']));
  });

  it('queries only series the gateway exposes, and every family has a panel', async () => {
    const exposed = await exposedSeries();
    const used = new Set<string>();
    for (const p of queried) {
      for (const t of p.targets!) {
        const names = selectedMetrics(t.expr);
        expect(names.length, `${p.title}: ${t.expr}`).toBeGreaterThan(0);
        for (const name of names) {
          expect(exposed.has(name), `${p.title} queries ${name}, which /metrics does not have`).toBe(true);
          used.add(name);
        }
      }
    }
    const unread = FAMILY_LIST.filter((f) => ![f.name, `${f.name}_bucket`, `${f.name}_count`].some((n) => used.has(n))).map((f) => f.name);
    expect(unread).toEqual([]);
  });

  it('catches a query for a metric that does not exist', () => {
    expect(selectedMetrics('sum(rate(contoso_voice_no_such_total[5m]))')).toEqual(['contoso_voice_no_such_total']);
    expect(() => selectedMetrics('sum(rate(contoso_voice_sessions_opened_total[5m])')).toThrow(/does not parse/);
  });
});
