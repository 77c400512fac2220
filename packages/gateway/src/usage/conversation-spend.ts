/**
 * One conversation against its budgets: every usage block goes through the
 * meter, is logged (`usage.response`) and added to the site's ledger; the
 * conversation's own cap and the site's caps then decide. Near one, the
 * model is told once to wrap up. At one, the assistant says a short goodbye
 * and the session closes with `budgetExhausted` (4402), after any answer in
 * progress has finished, so the shopper is never cut off mid-sentence.
 */
import type { RealtimeClientEvent } from '@contoso-voice/protocol';
import type { Logger, LogFields } from '../log.js';
import { OUTPUT_AUDIO_TOKENS_PER_SECOND, usageMeter, type UsageDelta } from './usage-meter.js';
import type { PriceTable } from './price-table.js';
import { levelOf, type BudgetLedger, type BudgetLevel, type SiteBudget } from './budget-ledger.js';
import { isTextLaneResponse } from '../text-lane/text-usage.js';

export const GOODBYE_METADATA = { gateway: 'goodbye' } as const;
const GOODBYE_EVENT_PREFIX = 'gwbye_';
/** A goodbye the service never ends (or never starts) does not keep the session open past this. */
const GOODBYE_MAX_MS = 8000;
/** The longest the close waits for a goodbye to finish playing. */
const GOODBYE_PLAY_MAX_MS = 6000;
/** The transcription model the gateway asks the service for (session-config.ts), billed apart. */
export const TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';
/** PCM16 mono at 24 kHz. */
const INPUT_BYTES_PER_SECOND = 48_000;

const WRAP_UP_NOTE =
  'Note from the shop (not from the shopper): this conversation is close to its limit. Finish the current answer briefly, ' +
  'do not start new searches, and let the shopper know they can continue on the website.';
const GOODBYE_INSTRUCTIONS =
  'In one short, friendly sentence in the language the shopper is using, say that you have to stop here for now, thank them, ' +
  'and say they can keep browsing on the website. Do not ask a question.';

export interface ConversationSpendDeps {
  sessionId: string;
  siteId: string;
  budget: SiteBudget | undefined;
  ledger: BudgetLedger | undefined;
  prices: PriceTable;
  log: Logger;
  /** Overrides the model the service reports (an operator who knows better, an Azure deployment's model). */
  realtimeModel?: string;
  sendUpstream(event: RealtimeClientEvent): void;
  /** An id for an item the gateway adds (not relayed, not recorded). */
  gatewayItemId(): string;
  /** The cap is reached and the goodbye said (or given up on): the session tells the client and closes with budgetExhausted. */
  exhausted(): void;
}

type Response = { id?: unknown; metadata?: unknown; usage?: unknown };
const isGoodbye = (r: Response | undefined) => (r?.metadata as { gateway?: unknown } | null | undefined)?.gateway === GOODBYE_METADATA.gateway;

export type ConversationSpend = ReturnType<typeof conversationSpend>;

export function conversationSpend(d: ConversationSpendDeps) {
  const meter = usageMeter(d.prices);
  let model = d.realtimeModel ?? 'unknown';
  let active = 0;
  let wrappedUp = false;
  let closing: 'waiting' | 'saying' | null = null;
  let goodbyeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let unpricedLogged = false;

  function logDelta(delta: UsageDelta, lane: 'realtime' | 'text' | 'transcription', raw: unknown) {
    if (!delta.known) {
      d.log('usage.unknown', { session: d.sessionId, site: d.siteId, model: delta.model, lane, problem: delta.problem, type: raw === null ? 'null' : typeof raw });
    }
    if (!delta.priced && !unpricedLogged) {
      unpricedLogged = true;
      d.log('usage.unpriced_model', { session: d.sessionId, site: d.siteId, model: delta.model, priced_as: 'highest_rates' });
    }
    d.log('usage.response', {
      session: d.sessionId,
      site: d.siteId,
      model: delta.model,
      lane,
      input_text: delta.input_text,
      input_audio: delta.input_audio,
      input_cached: delta.input_cached,
      output_text: delta.output_text,
      output_audio: delta.output_audio,
      usd: delta.usd,
      known: delta.known,
    });
  }

  function conversationLevel(): BudgetLevel {
    return d.budget ? levelOf(meter.totals().usd, d.budget.conversationUsd, d.budget.wrapUpAt) : 'ok';
  }

  function act(level: BudgetLevel, scope: 'conversation' | 'site') {
    if (stopped || closing) return;
    if (level === 'near' && !wrappedUp) {
      wrappedUp = true;
      d.log('budget.wrap_up', { session: d.sessionId, site: d.siteId, scope, usd: meter.totals().usd });
      d.sendUpstream({
        type: 'conversation.item.create',
        item: { id: d.gatewayItemId(), type: 'message', role: 'system', content: [{ type: 'input_text', text: WRAP_UP_NOTE }] },
      } as RealtimeClientEvent);
    }
    if (level === 'exhausted') {
      d.log('budget.exhausted', { session: d.sessionId, site: d.siteId, scope, usd: meter.totals().usd });
      closing = 'waiting';
      goodbyeTimer = setTimeout(() => finish(), GOODBYE_MAX_MS);
      if (active === 0) sayGoodbye();
    }
  }

  function sayGoodbye() {
    closing = 'saying';
    d.sendUpstream({
      type: 'response.create',
      event_id: `${GOODBYE_EVENT_PREFIX}${d.sessionId.slice(0, 8)}`,
      response: { conversation: 'none', metadata: { ...GOODBYE_METADATA }, instructions: GOODBYE_INSTRUCTIONS, tool_choice: 'none', max_output_tokens: 80 },
    } as RealtimeClientEvent);
  }

  function finish() {
    if (stopped) return;
    clearTimeout(goodbyeTimer);
    d.exhausted();
  }

  /** Adds a priced delta to the site's ledger, then acts on whichever cap is nearer: the conversation's own, or the site's. */
  async function spend(delta: UsageDelta) {
    const own = conversationLevel();
    let site: BudgetLevel = 'ok';
    if (d.ledger && delta.usd > 0) {
      try {
        site = (await d.ledger.spend(d.siteId, delta.usd)).level;
      } catch (err) {
        // The spend is still in this conversation's totals and log line; only the site's sum missed it.
        d.log('budget.ledger_error', { session: d.sessionId, site: d.siteId, error: err instanceof Error ? err.message.slice(0, 200) : 'unknown' });
      }
    }
    const rank = { ok: 0, near: 1, exhausted: 2 } as const;
    if (rank[site] > rank[own]) act(site, 'site');
    else act(own, 'conversation');
  }

  const record = (modelName: string, usage: unknown, lane: 'realtime' | 'text' | 'transcription'): UsageDelta => {
    const delta = meter.record(modelName, usage);
    logDelta(delta, lane, usage);
    void spend(delta);
    return delta;
  };

  return {
    /** The model session's own report of itself: the model its usage is priced as, unless the operator named one. */
    sessionCreated(session: { model?: unknown } | undefined) {
      if (!d.realtimeModel && typeof session?.model === 'string' && session.model) model = session.model;
    },
    responseCreated() {
      active++;
    },
    /** A realtime response ended: its usage is counted, and a goodbye that was waiting for it goes out. */
    responseDone(response: Response | undefined) {
      active = Math.max(0, active - 1);
      // The text lane's answers reach the client as realtime events too, but it counts their usage itself.
      const delta = isTextLaneResponse(response) ? null : record(model, response?.usage, 'realtime');
      if (isGoodbye(response)) {
        // The close waits for the goodbye to play at the client (it arrives faster than it is spoken), and follows the relayed response.done.
        clearTimeout(goodbyeTimer);
        goodbyeTimer = setTimeout(finish, Math.min(GOODBYE_PLAY_MAX_MS, ((delta?.output_audio ?? 0) / OUTPUT_AUDIO_TOKENS_PER_SECOND) * 1000));
        return;
      }
      if (closing === 'waiting' && active === 0) sayGoodbye();
    },
    /** A usage block from another lane: the same meter, budgets and log line. */
    record,
    /** Input transcription, billed by the speech model. */
    transcribed(usage: unknown) {
      record(TRANSCRIPTION_MODEL, usage, 'transcription');
    },
    /** Microphone audio sent to the model. */
    heard(bytes: number) {
      meter.heard(bytes / INPUT_BYTES_PER_SECOND);
    },
    /** True once the conversation is ending for its budget: nothing more is asked of the model. */
    closing: () => closing !== null,
    totals: () => meter.totals(),
    /** The totals for the session.close line. */
    closeFields(): LogFields {
      const t = meter.totals();
      return { tokens_in: t.tokens_in, tokens_out: t.tokens_out, usd: t.usd, audio_in_s: t.audio_in_s, audio_out_s: t.audio_out_s, usage_unknown: t.unknown };
    },
    stop() {
      stopped = true;
      clearTimeout(goodbyeTimer);
    },
  };
}
