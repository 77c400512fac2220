/**
 * Where counts go. The Node registry (prom-client) and the Worker's
 * counters each implement this; the log observer only calls it.
 */
import type { FamilyKey } from './families.js';

/** Label values in the order the family lists its labels. */
export type LabelValues = readonly string[];

export interface MetricSink {
  /** Counters and gauges: add `n` (a gauge may go down). */
  add(family: FamilyKey, labels: LabelValues, n: number): void;
  /** Gauges: the value now. */
  set(family: FamilyKey, labels: LabelValues, value: number): void;
  /** Histograms: one observation. */
  observe(family: FamilyKey, labels: LabelValues, value: number): void;
}
