/**
 * The Worker's metrics: each isolate (the front) and each session host
 * counts what its own logger and relay saw, and sends the changes to the one
 * MetricsHost, which sums them. A session host sends a second after a change
 * (and at once when a conversation ends); the front sends before each of its
 * requests is done (index.ts: waitUntil). The front serves GET /metrics
 * with the METRICS_TOKEN secret.
 */
import { deltaSink, gatewayMetrics, TEXT_CONTENT_TYPE, type GatewayMetrics, type MetricsBatch } from '@contoso-voice/gateway/metrics';
import type { Logger } from '@contoso-voice/gateway/log';

const FLUSH_AFTER_MS = 1000;

type Flusher = () => Promise<void>;
const flushers = new Set<Flusher>();

/** Sends what this isolate counted and has not sent yet. */
export function flushWorkerMetrics(): Promise<void> {
  return Promise.all([...flushers].map((flush) => flush())).then(() => undefined);
}

export function workerMetrics(ns: DurableObjectNamespace, o: { sites: readonly string[]; token?: string; log: Logger }): GatewayMetrics {
  const stub = () => ns.get(ns.idFromName('metrics'));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failing = false;
  let parts: ReturnType<typeof deltaSink> | undefined;

  const flush: Flusher = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch: MetricsBatch | null = parts!.drain();
    if (!batch) return;
    try {
      const res = await stub().fetch('https://metrics/add', { method: 'POST', body: JSON.stringify(batch) });
      if (!res.ok) throw new Error(`status ${res.status}`);
      failing = false;
    } catch (err) {
      parts!.restore(batch);
      // Said once per run of failures, not once per batch.
      if (!failing) o.log('metrics.flush_failed', { error: err instanceof Error ? err.message : String(err) });
      failing = true;
    }
  };
  flushers.add(flush);

  const metrics = gatewayMetrics(o, ({ traffic }) => {
    parts = deltaSink(traffic, () => {
      timer ??= setTimeout(() => void flush(), FLUSH_AFTER_MS);
    });
    return {
      sink: parts.sink,
      async render() {
        await flush();
        const res = await stub().fetch('https://metrics/text');
        return { contentType: res.headers.get('content-type') ?? TEXT_CONTENT_TYPE, body: await res.text() };
      },
    };
  });
  return {
    ...metrics,
    wrapLog(log) {
      const counted = metrics.wrapLog(log);
      return (event, fields) => {
        counted(event, fields);
        // A conversation's last counts go now: its host may be evicted before a timer fires.
        if (event === 'session.close') void flush();
      };
    },
  };
}
