/**
 * A sink that keeps what changed since it was last drained, for a runtime
 * that sends its counts elsewhere to be summed (the Worker's isolates and
 * session hosts, to one Durable Object). Adds are deltas; sets are the
 * latest value. The relay's traffic counters are read as deltas too.
 */
import { FAMILIES } from './families.js';
import type { MetricSink } from './sink.js';
import { histogramAdds, seriesKey } from './series-text.js';
import { AUDIO_BYTES_PER_SECOND, type SiteTraffic, type TrafficTable } from './traffic.js';

export interface MetricsBatch {
  adds: [string, number][];
  sets: [string, number][];
}

const TRAFFIC: [keyof typeof FAMILIES, string, (t: SiteTraffic) => number][] = [
  ['relayFrames', 'from_client', (t) => t.framesFromClient],
  ['relayFrames', 'to_client', (t) => t.framesToClient],
  ['relayBytes', 'from_client', (t) => t.bytesFromClient],
  ['relayBytes', 'to_client', (t) => t.bytesToClient],
  ['audioSeconds', 'in', (t) => t.audioBytesIn / AUDIO_BYTES_PER_SECOND],
  ['audioSeconds', 'out', (t) => t.audioBytesOut / AUDIO_BYTES_PER_SECOND],
];

export function deltaSink(traffic: TrafficTable, onChange: () => void) {
  let adds = new Map<string, number>();
  let sets = new Map<string, number>();
  // What of the traffic table was already drained, per series.
  const drained = new Map<string, number>();
  const add = (series: string, n: number) => {
    adds.set(series, (adds.get(series) ?? 0) + n);
  };
  const sink: MetricSink = {
    add(key, labels, n) {
      add(seriesKey(FAMILIES[key].name, FAMILIES[key].labels, labels), n);
      onChange();
    },
    set(key, labels, value) {
      sets.set(seriesKey(FAMILIES[key].name, FAMILIES[key].labels, labels), value);
      onChange();
    },
    observe(key, labels, value) {
      for (const [series, n] of histogramAdds(key, labels, value)) add(series, n);
      onChange();
    },
  };
  return {
    sink,
    /** Everything since the last drain, traffic included; empty batches are for nobody. */
    drain(): MetricsBatch | null {
      for (const [site, t] of traffic.entries()) {
        for (const [key, direction, read] of TRAFFIC) {
          const series = seriesKey(FAMILIES[key].name, FAMILIES[key].labels, [site, direction]);
          const now = read(t);
          const delta = now - (drained.get(series) ?? 0);
          if (delta > 0) {
            add(series, delta);
            drained.set(series, now);
          }
        }
      }
      if (!adds.size && !sets.size) return null;
      const batch = { adds: [...adds], sets: [...sets] };
      adds = new Map();
      sets = new Map();
      return batch;
    },
    /** A batch that could not be delivered goes back in, to go with the next. */
    restore(batch: MetricsBatch) {
      for (const [series, n] of batch.adds) add(series, n);
      for (const [series, v] of batch.sets) if (!sets.has(series)) sets.set(series, v);
    },
  };
}
