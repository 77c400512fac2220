/** The part of a site file that caps what the model may cost the shop (usage/budget-ledger.ts). */
import * as z from 'zod';
import { DEFAULT_WRAP_UP_AT, type SiteBudget } from '../usage/budget-ledger.js';

const usd = (what: string) => z.number().positive().max(1_000_000).describe(what);

export const budgetSchema = z
  .strictObject({
    dailyUsd: usd('The most the model may cost in a UTC day, in US dollars. A new conversation starts only while a whole conversationUsd is left (else budget_exhausted); at the cap, open ones say goodbye and close (4402).'),
    monthlyUsd: usd('The most it may cost in a UTC calendar month, in US dollars. None when absent.').optional(),
    conversationUsd: usd('The most one conversation may cost, in US dollars; at it, that conversation says goodbye and closes (4402).'),
    wrapUpAt: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(`The share of any cap at which the assistant is told to wrap up, from 0 to 1. Default ${DEFAULT_WRAP_UP_AT}.`),
  })
  .refine((b) => b.conversationUsd <= b.dailyUsd && (b.monthlyUsd === undefined || b.dailyUsd <= b.monthlyUsd), {
    message: 'must have conversationUsd ≤ dailyUsd ≤ monthlyUsd',
  });

export const siteBudgetFields = {
  budget: budgetSchema.optional().describe('Caps on what the model costs this shop, priced with the gateway\'s price table (README, Usage, cost and budgets). No caps when absent.'),
};

export function siteBudgetFromFile(file: { budget?: z.infer<typeof budgetSchema> }): SiteBudget | undefined {
  const b = file.budget;
  return b && { dailyUsd: b.dailyUsd, monthlyUsd: b.monthlyUsd, conversationUsd: b.conversationUsd, wrapUpAt: b.wrapUpAt ?? DEFAULT_WRAP_UP_AT };
}
