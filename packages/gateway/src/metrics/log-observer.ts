/**
 * Turns the gateway's structured log into metrics: the logger is wrapped, so
 * any module that logs one of the agreed events (docs: README "Metrics") is
 * counted without knowing metrics exist. Events that name only their session
 * are put to the site that session.open named for it.
 */
import type { LogFields, Logger } from '../log.js';
import type { MetricSink } from './sink.js';
import type { LabelGuard } from './label-guard.js';

/** A site's budget state as G1's ledger names it, as a number a graph can draw. */
const BUDGET_LEVELS: Record<string, number> = { ok: 0, near: 1, exhausted: 2 };

const TOKEN_KINDS = ['input_text', 'input_audio', 'input_cached', 'output_text', 'output_audio'] as const;

/** Log events whose `code` is a refusal, and the stage each one stands for. */
const REFUSAL_STAGES: Record<string, string> = {
  'token.refused': 'token',
  'session.refused': 'session',
  'client.refused': 'client',
  'session.limit': 'limit',
  'tool.refused': 'tool',
  'tool.limit': 'tool',
  'tool.round_limit': 'tool',
};

interface LiveSession {
  site: string;
  /** upstream.dropped carries a running count, logged at powers of two: the metric adds what is new. */
  dropped: number;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

export interface LogObserver {
  /** The logger to hand the gateway: counts each event, then logs it as before. */
  wrap(log: Logger): Logger;
  /** The site a live session belongs to, for counters kept outside the log (audio). */
  siteOf(sessionId: string): string | undefined;
}

export function logObserver(sink: MetricSink, guard: LabelGuard): LogObserver {
  const live = new Map<string, LiveSession>();
  const siteFor = (f: LogFields): string => guard.site(f.site ?? (typeof f.session === 'string' ? live.get(f.session)?.site : undefined));

  function count(event: string, f: LogFields) {
    const stage = REFUSAL_STAGES[event];
    if (stage) {
      const code = f.code ?? (event === 'tool.refused' ? 'invalid_arguments' : event === 'tool.limit' ? 'tool_call_limit' : undefined);
      sink.add('refusals', [siteFor(f), stage, guard.value('code', code)], 1);
      if (event === 'tool.refused' && f.code === 'unknown_tool') sink.add('toolCalls', [siteFor(f), 'unknown', 'false'], 1);
      return;
    }
    switch (event) {
      case 'session.open': {
        const site = guard.site(f.site);
        if (typeof f.session === 'string') live.set(f.session, { site, dropped: 0 });
        sink.add('sessionsOpen', [site], 1);
        sink.add('sessionsOpened', [site], 1);
        return;
      }
      case 'session.close': {
        const site = siteFor(f);
        if (typeof f.session === 'string') live.delete(f.session);
        sink.add('sessionsOpen', [site], -1);
        sink.add('sessionsClosed', [site, guard.value('close_code', f.code), guard.value('by', f.by)], 1);
        sink.observe('sessionDuration', [site], num(f.ms) / 1000);
        return;
      }
      case 'upstream.error':
        return sink.add('upstreamErrors', [siteFor(f), 'error', guard.value('code', f.code)], 1);
      case 'upstream.close':
        return sink.add('upstreamErrors', [siteFor(f), 'close', guard.value('close_code', f.code)], 1);
      case 'upstream.unreachable':
        return sink.add('upstreamErrors', [siteFor(f), 'unreachable', 'upstream_unavailable'], 1);
      case 'response.timeout':
        return sink.add('upstreamErrors', [siteFor(f), 'timeout', 'response_timeout'], 1);
      case 'upstream.dropped': {
        const session = typeof f.session === 'string' ? live.get(f.session) : undefined;
        const total = num(f.dropped) || 1;
        const added = session ? Math.max(0, total - session.dropped) : 1;
        if (session) session.dropped = Math.max(session.dropped, total);
        return sink.add('upstreamErrors', [siteFor(f), 'dropped', guard.value('code', f.code)], added);
      }
      case 'tool.call': {
        const labels = [siteFor(f), guard.value('tool', f.tool)];
        sink.add('toolCalls', [...labels, f.ok === true ? 'true' : 'false'], 1);
        sink.observe('toolDuration', labels, num(f.ms) / 1000);
        return;
      }
      case 'usage.response': {
        const model = [siteFor(f), guard.value('model', f.model), guard.value('lane', f.lane)];
        if (f.known === false) return sink.add('usageUnknown', model, 1);
        for (const kind of TOKEN_KINDS) {
          const n = num(f[kind]);
          if (n) sink.add('tokens', [...model, kind], n);
        }
        if (num(f.usd)) sink.add('cost', model, num(f.usd));
        return;
      }
      case 'budget.level': {
        const site = siteFor(f);
        if (typeof f.remaining_usd === 'number' && Number.isFinite(f.remaining_usd)) sink.set('budgetRemaining', [site], f.remaining_usd);
        const level = typeof f.level === 'string' ? BUDGET_LEVELS[f.level] : undefined;
        if (level !== undefined) sink.set('budgetLevel', [site], level);
        return;
      }
      case 'webhook.delivered':
      case 'webhook.dropped':
        return sink.add('webhooks', [siteFor(f), event === 'webhook.delivered' ? 'delivered' : 'dropped'], 1);
    }
  }

  return {
    wrap: (log) => (event, fields = {}) => {
      // A metric must never cost the gateway its log line, or a session.
      try {
        count(event, fields);
      } catch (err) {
        log('metrics.fault', { counting: event, error: err instanceof Error ? err.name : 'unknown' });
      }
      log(event, fields);
    },
    siteOf: (sessionId) => live.get(sessionId)?.site,
  };
}
