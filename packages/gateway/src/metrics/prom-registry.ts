/**
 * The Node registry: prom-client metrics made from the family list, fed by
 * the log observer, with the relay counters read at scrape time and Node's
 * process metrics (CPU, memory, event loop lag) beside them. Node only:
 * the Worker never imports this file.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { FAMILIES, type FamilyKey } from './families.js';
import { gatewayMetrics, type GatewayMetrics, type MetricsParts } from './gateway-metrics.js';
import type { MetricSink } from './sink.js';
import { AUDIO_BYTES_PER_SECOND, type SiteTraffic, type TrafficTable } from './traffic.js';

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/** Families whose values live in the traffic table, and how to read one side of it. */
const TRAFFIC_READS: Partial<Record<FamilyKey, [string, (t: SiteTraffic) => number][]>> = {
  relayFrames: [
    ['from_client', (t) => t.framesFromClient],
    ['to_client', (t) => t.framesToClient],
  ],
  relayBytes: [
    ['from_client', (t) => t.bytesFromClient],
    ['to_client', (t) => t.bytesToClient],
  ],
  audioSeconds: [
    ['in', (t) => t.audioBytesIn / AUDIO_BYTES_PER_SECOND],
    ['out', (t) => t.audioBytesOut / AUDIO_BYTES_PER_SECOND],
  ],
};

function metricFor(key: FamilyKey, registry: Registry, traffic: TrafficTable): AnyMetric {
  const f = FAMILIES[key];
  const base = { name: f.name, help: f.help, labelNames: [...f.labels], registers: [registry] };
  const reads = TRAFFIC_READS[key];
  if (f.type === 'histogram') return new Histogram({ ...base, buckets: [...(f.buckets ?? [])] });
  if (f.type === 'gauge') return new Gauge(base);
  if (!reads) return new Counter(base);
  return new Counter({
    ...base,
    collect(this: Counter<string>) {
      this.reset();
      for (const [site, t] of traffic.entries()) for (const [direction, read] of reads) this.labels(site, direction).inc(read(t));
    },
  });
}

export interface NodeMetrics extends GatewayMetrics {
  registry: Registry;
}

/** `sites`: the configured site ids, the only site labels there will be. `token`: what GET /metrics on the gateway's port asks for. */
export function nodeMetrics(o: { sites: readonly string[]; token?: string; processMetrics?: boolean }): NodeMetrics {
  const registry = new Registry();
  if (o.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const metrics = gatewayMetrics(o, ({ traffic }: MetricsParts) => {
    const byKey = new Map<FamilyKey, AnyMetric>();
    for (const key of Object.keys(FAMILIES) as FamilyKey[]) byKey.set(key, metricFor(key, registry, traffic));
    // Each site's session series exist from the start, so a dashboard's rate() has a zero to begin from.
    for (const site of o.sites) {
      (byKey.get('sessionsOpen') as Gauge<string>).labels(site).set(0);
      (byKey.get('sessionsOpened') as Counter<string>).labels(site).inc(0);
    }
    const sink: MetricSink = {
      add(key, labels, n) {
        const m = byKey.get(key) as Counter<string> | Gauge<string>;
        if (n < 0) (m as Gauge<string>).labels(...labels).dec(-n);
        else m.labels(...labels).inc(n);
      },
      set: (key, labels, value) => (byKey.get(key) as Gauge<string>).labels(...labels).set(value),
      observe: (key, labels, value) => (byKey.get(key) as Histogram<string>).labels(...labels).observe(value),
    };
    return { sink, render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }) };
  });
  return { ...metrics, registry };
}
