/**
 * A site's budget state: what it spent against its daily and monthly caps,
 * and whether it is fine, near a cap (conversations wrap up) or at one (no
 * new sessions; open ones end politely). The sums live in a SpendStore; the
 * caps come from the site file, so a change to them needs no migration.
 */
import type { Logger } from '../log.js';
import type { SiteSpend, SpendStore } from './site-spend.js';

export interface SiteBudget {
  dailyUsd: number;
  monthlyUsd?: number;
  /** What one conversation may cost. */
  conversationUsd: number;
  /** The share of a cap at which the assistant is told to wrap up, 0–1. */
  wrapUpAt: number;
}

export const DEFAULT_WRAP_UP_AT = 0.9;

export type BudgetLevel = 'ok' | 'near' | 'exhausted';

export interface BudgetState {
  siteId: string;
  spentToday: number;
  spentMonth: number;
  /** Money left under the daily and monthly caps, and the smaller of the two; null where the site sets no cap. */
  remainingToday: number | null;
  remainingMonth: number | null;
  remaining: number | null;
  level: BudgetLevel;
  /**
   * Whether a new conversation may start: only while a whole conversation's
   * cap still fits in what is left, so the last one admitted can run to its
   * own cap without passing the site's.
   */
  admits: boolean;
  /** Seconds until the cap that stops new conversations resets (the next UTC day or month); only when they are stopped. */
  retryAfterS?: number;
}

export function levelOf(spent: number, cap: number, wrapUpAt: number): BudgetLevel {
  if (spent >= cap) return 'exhausted';
  return spent >= cap * wrapUpAt ? 'near' : 'ok';
}

const worse = (a: BudgetLevel, b: BudgetLevel): BudgetLevel => (a === 'exhausted' || b === 'exhausted' ? 'exhausted' : a === 'near' || b === 'near' ? 'near' : 'ok');
const money = (n: number) => Math.round(n * 1e6) / 1e6;

function secondsUntilReset(monthly: boolean, now: number): number {
  const d = new Date(now);
  const next = monthly ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now) / 1000));
}

export function budgetState(siteId: string, budget: SiteBudget | undefined, spend: SiteSpend, now = Date.now()): BudgetState {
  const base = { siteId, spentToday: spend.today, spentMonth: spend.thisMonth };
  if (!budget) return { ...base, remainingToday: null, remainingMonth: null, remaining: null, level: 'ok', admits: true };
  const remainingToday = spend.unknownToday ? 0 : money(Math.max(0, budget.dailyUsd - spend.today));
  const remainingMonth = budget.monthlyUsd === undefined ? null : money(Math.max(0, budget.monthlyUsd - spend.thisMonth));
  const daily = spend.unknownToday ? 'exhausted' : levelOf(spend.today, budget.dailyUsd, budget.wrapUpAt);
  const monthly = budget.monthlyUsd === undefined ? 'ok' : levelOf(spend.thisMonth, budget.monthlyUsd, budget.wrapUpAt);
  const level = worse(daily, monthly);
  const remaining = remainingMonth === null ? remainingToday : Math.min(remainingToday, remainingMonth);
  const admits = level !== 'exhausted' && remaining >= budget.conversationUsd;
  const state: BudgetState = { ...base, remainingToday, remainingMonth, remaining, level, admits };
  if (!admits) state.retryAfterS = secondsUntilReset(remainingMonth !== null && remainingMonth < budget.conversationUsd, now);
  return state;
}

export interface BudgetLedger {
  state(siteId: string): Promise<BudgetState>;
  /** Adds a conversation's spend to its site; returns the state after it. */
  spend(siteId: string, usd: number): Promise<BudgetState>;
}

/** Sites' budget.level lines: on each change of level or admission, and otherwise at most once a minute per site, for dashboards. */
const LEVEL_LOG_EVERY_MS = 60_000;

/** The ledger over a store, with each site's caps. */
export function budgetLedger(store: SpendStore, budgetOf: (siteId: string) => SiteBudget | undefined, log: Logger, now: () => number = Date.now): BudgetLedger {
  const logged = new Map<string, { key: string; at: number }>();
  const seen = (s: BudgetState) => {
    if (!budgetOf(s.siteId)) return s;
    const key = `${s.level}/${s.admits}`;
    const last = logged.get(s.siteId);
    const t = now();
    if (last?.key === key && t - last.at < LEVEL_LOG_EVERY_MS) return s;
    logged.set(s.siteId, { key, at: t });
    log('budget.level', { site: s.siteId, remaining_usd: s.remaining, level: s.level, admits: s.admits, spent_today_usd: s.spentToday, spent_month_usd: s.spentMonth });
    return s;
  };
  return {
    async state(siteId) {
      return seen(budgetState(siteId, budgetOf(siteId), await store.read(siteId), now()));
    },
    async spend(siteId, usd) {
      if (!(usd > 0)) return this.state(siteId);
      return seen(budgetState(siteId, budgetOf(siteId), await store.add(siteId, usd), now()));
    },
  };
}
