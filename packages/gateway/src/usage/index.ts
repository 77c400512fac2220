/** `@contoso-voice/gateway/usage`: prices, the usage meter and budget ledgers, for runtimes that keep sites' spend themselves (the Worker). */
export { priceTable, DEFAULT_PRICES, type ModelPrice, type PriceSettings, type PriceTable } from './price-table.js';
export { usageMeter, type UsageDelta, type UsageTotals, type UsageMeter } from './usage-meter.js';
export { budgetLedger, budgetState, type BudgetLedger, type BudgetLevel, type BudgetState, type SiteBudget } from './budget-ledger.js';
export { added, isSiteSpend, memorySpendStore, rolled, type SiteSpend, type SpendStore } from './site-spend.js';
export { usageSettingsFromEnv } from './settings-from-env.js';
export type { UsageConfig } from './gateway-usage.js';
