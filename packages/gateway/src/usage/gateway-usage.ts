/**
 * The gateway's usage settings and what createGateway builds from them: one
 * price table and one budget ledger for every site, and the refusal a
 * request for a site at its cap gets (the token route and the socket route
 * alike).
 */
import type { Context } from 'hono';
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import { priceTable, type PriceSettings, type PriceTable } from './price-table.js';
import { budgetLedger, type BudgetLedger } from './budget-ledger.js';
import { memorySpendStore, type SpendStore } from './site-spend.js';

export interface UsageConfig {
  /** Price overrides and model names (an Azure deployment's model). */
  prices?: PriceSettings;
  /** Prices every realtime response as this model, whatever the service reports (an Azure deployment's model). */
  realtimeModel?: string;
  /** Where sites' spend is kept: a file on Node (`npm start`), a Durable Object on Workers; process memory by default. */
  spend?: SpendStore;
}

export interface GatewayUsage {
  prices: PriceTable;
  ledger: BudgetLedger;
  realtimeModel?: string;
}

export function gatewayUsage(config: UsageConfig | undefined, sites: SiteConfig[], log: Logger): GatewayUsage {
  const budgets = new Map(sites.map((s) => [s.id, s.budget]));
  return {
    prices: priceTable(config?.prices),
    ledger: budgetLedger(config?.spend ?? memorySpendStore(), (id) => budgets.get(id), log),
    realtimeModel: config?.realtimeModel,
  };
}

/**
 * The answer for a site with less left than one conversation's cap (503,
 * code budget_exhausted, Retry-After at the next UTC day or month), or null
 * to go on. A site without a budget
 * costs no look-up. A ledger that cannot be read admits: the rate limits
 * still bound the spend, and the next response's spend is checked again.
 */
export async function budgetRefusal(
  c: Context,
  usage: GatewayUsage,
  site: SiteConfig,
  log: Logger,
  route: 'token' | 'socket',
  /** Headers the route adds to its refusals (CORS, for a page to read the code). */
  headers?: () => void,
): Promise<Response | null> {
  if (!site.budget) return null;
  let state;
  try {
    state = await usage.ledger.state(site.id);
  } catch (err) {
    log('budget.ledger_error', { site: site.id, route, error: err instanceof Error ? err.message.slice(0, 200) : 'unknown' });
    return null;
  }
  if (state.admits) return null;
  log(route === 'token' ? 'token.refused' : 'session.refused', { site: site.id, code: 'budget_exhausted', status: 503 });
  headers?.();
  c.header('x-gateway-error', 'budget_exhausted');
  c.header('retry-after', String(state.retryAfterS ?? 3600));
  return c.json({ error: 'budget_exhausted', message: 'The assistant is not available on this shop right now; please try again later.' }, 503);
}
