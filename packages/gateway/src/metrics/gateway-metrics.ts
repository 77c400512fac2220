/**
 * What a runtime hands createGateway to be measured: a sink for the log's
 * events, the relay's traffic counters, and how to render the lot as
 * Prometheus text. The Node registry and the Worker's counters build one each.
 */
import type { Logger } from '../log.js';
import type { Upstream } from '../upstream/types.js';
import { labelGuard, type LabelGuard } from './label-guard.js';
import { logObserver } from './log-observer.js';
import { meteredUpstream } from './metered-upstream.js';
import type { MetricSink } from './sink.js';
import { trafficTable, type SiteTraffic, type TrafficTable } from './traffic.js';

export interface MetricsPage {
  contentType: string;
  body: string;
}

export interface GatewayMetrics {
  /** The bearer token GET /metrics asks for. Without one the app does not serve /metrics (a separate listener may). */
  token?: string;
  wrapLog(log: Logger): Logger;
  wrapUpstream(upstream: Upstream): Upstream;
  /** A site's relay counters; a site not in config counts as "other". */
  traffic(site: string): SiteTraffic;
  render(): Promise<MetricsPage>;
}

export interface MetricsParts {
  guard: LabelGuard;
  traffic: TrafficTable;
}

/** The runtime-neutral half: the runtime brings the sink (built from the parts) and the renderer. */
export function gatewayMetrics(
  o: { sites: readonly string[]; token?: string },
  build: (parts: MetricsParts) => { sink: MetricSink; render(): Promise<MetricsPage> },
): GatewayMetrics {
  const guard = labelGuard(o.sites);
  const traffic = trafficTable();
  const { sink, render } = build({ guard, traffic });
  const observer = logObserver(sink, guard);
  return {
    token: o.token || undefined,
    wrapLog: (log) => observer.wrap(log),
    wrapUpstream: (upstream) =>
      meteredUpstream(upstream, (sessionId) => {
        const site = observer.siteOf(sessionId);
        return site === undefined ? undefined : traffic.of(site);
      }),
    traffic: (site) => traffic.of(guard.site(site)),
    render,
  };
}
