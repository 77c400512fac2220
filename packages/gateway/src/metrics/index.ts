/** The runtime-neutral metrics parts, for runtimes without prom-client (the Worker). Node: nodeMetrics from the gateway's /node entry. */
export { FAMILIES, FAMILY_LIST, type Family, type FamilyKey } from './families.js';
export { gatewayMetrics, type GatewayMetrics, type MetricsPage, type MetricsParts } from './gateway-metrics.js';
export { deltaSink, type MetricsBatch } from './delta-sink.js';
export { renderSeries, TEXT_CONTENT_TYPE } from './series-text.js';
export { tokenMatches } from './route.js';
