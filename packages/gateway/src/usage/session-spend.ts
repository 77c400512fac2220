/** The session's hook into usage and budgets: its conversation's spend, priced by the gateway's table (or the defaults). */
import { CLOSE_CODES, type ErrorCode, type RealtimeClientEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import type { GatewayUsage } from './gateway-usage.js';
import { priceTable } from './price-table.js';
import { conversationSpend, type ConversationSpend } from './conversation-spend.js';
import type { ModelBudget } from '../session/model-budget.js';

const EXHAUSTED_MESSAGE = 'The assistant has to stop here for now; you can keep browsing the shop.';

export function sessionSpend(
  o: { id: string; site: SiteConfig; log: Logger; usage?: GatewayUsage },
  s: {
    sendUpstream(event: RealtimeClientEvent): void;
    gatewayItemId(): string;
    reportError(code: ErrorCode, message: string): void;
    end(code: number, reason: string): void;
  },
) {
  return conversationSpend({
    sessionId: o.id,
    siteId: o.site.id,
    budget: o.site.budget,
    ledger: o.usage?.ledger,
    prices: o.usage?.prices ?? priceTable(),
    realtimeModel: o.usage?.realtimeModel,
    log: o.log,
    sendUpstream: s.sendUpstream,
    gatewayItemId: s.gatewayItemId,
    exhausted() {
      s.reportError('budget_exhausted', EXHAUSTED_MESSAGE);
      s.end(CLOSE_CODES.budgetExhausted, 'budget exhausted');
    },
  });
}

/**
 * The session's model budget while a conversation ends for its budget: no
 * more responses, text or audio reach the model, whoever asks (a client that
 * keeps sending response.create during the goodbye would otherwise run up
 * the bill it is being closed for). Refused once a second, with the code.
 */
export function closingGate(budget: ModelBudget, spend: Pick<ConversationSpend, 'closing'>, reportError: (code: ErrorCode, message: string) => void): ModelBudget {
  let refusedAt = 0;
  const open = () => {
    if (!spend.closing()) return true;
    const now = Date.now();
    if (now - refusedAt > 1000) {
      refusedAt = now;
      reportError('budget_exhausted', EXHAUSTED_MESSAGE);
    }
    return false;
  };
  return {
    ...budget,
    response: () => open() && budget.response(),
    audio: () => open() && budget.audio(),
    text: (n) => open() && budget.text(n),
  };
}
