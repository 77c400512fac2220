/**
 * Each text-lane answer's usage when the session keeps no spend of its own:
 * priced with the text model that gave it and logged as `usage.response`
 * with lane "text", the line metrics read.
 */
import type { Logger } from '../log.js';
import { usageMeter } from '../usage/usage-meter.js';
import { priceTable } from '../usage/price-table.js';

export function textUsage(o: { log: Logger; sessionId: string; siteId: string }) {
  const meter = usageMeter(priceTable());
  return (model: string, usage: unknown) => {
    const d = meter.record(model, usage);
    o.log('usage.response', {
      session: o.sessionId,
      site: o.siteId,
      model: d.model,
      lane: 'text',
      input_text: d.input_text,
      input_audio: d.input_audio,
      input_cached: d.input_cached,
      output_text: d.output_text,
      output_audio: d.output_audio,
      usd: d.usd,
      known: d.known,
      ...(d.problem ? { problem: d.problem } : {}),
    });
  };
}

/** A response the text lane gave: the realtime lane's usage accounting must skip it, since it is counted here. */
export const isTextLaneResponse = (response: { metadata?: unknown } | null | undefined): boolean =>
  !!response && typeof response.metadata === 'object' && response.metadata !== null && (response.metadata as { lane?: unknown }).lane === 'text';
