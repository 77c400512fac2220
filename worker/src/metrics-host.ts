/**
 * One Durable Object that sums the counts of every isolate and session host,
 * keeps them in its storage (so an eviction or a deploy loses nothing but the
 * batch in flight), and renders them as Prometheus text for the front's
 * GET /metrics. Series are few (labels are bounded), so they are stored as one value.
 */
import { renderSeries, TEXT_CONTENT_TYPE, type MetricsBatch } from '@contoso-voice/gateway/metrics';

const STORAGE_KEY = 'series';

function isBatch(v: unknown): v is MetricsBatch {
  const pairs = (x: unknown) => Array.isArray(x) && x.every((p) => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'number' && Number.isFinite(p[1]));
  return typeof v === 'object' && v !== null && pairs((v as MetricsBatch).adds) && pairs((v as MetricsBatch).sets);
}

export class MetricsHost {
  private series: Map<string, number> | null = null;

  constructor(private state: DurableObjectState) {}

  private async load(): Promise<Map<string, number>> {
    this.series ??= await this.state.blockConcurrencyWhile(async () => this.series ?? new Map(Object.entries((await this.state.storage.get<Record<string, number>>(STORAGE_KEY)) ?? {})));
    return this.series;
  }

  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const series = await this.load();
    if (path === '/add' && request.method === 'POST') {
      const batch: unknown = await request.json().catch(() => null);
      if (!isBatch(batch)) return Response.json({ error: 'invalid_request', message: 'A batch is {adds: [[series, n]], sets: [[series, v]]}.' }, { status: 400 });
      for (const [s, n] of batch.adds) series.set(s, (series.get(s) ?? 0) + n);
      for (const [s, v] of batch.sets) series.set(s, v);
      await this.state.storage.put(STORAGE_KEY, Object.fromEntries(series));
      return new Response(null, { status: 204 });
    }
    if (path === '/text') return new Response(renderSeries(series), { headers: { 'content-type': TEXT_CONTENT_TYPE } });
    return new Response('not found', { status: 404 });
  }
}
