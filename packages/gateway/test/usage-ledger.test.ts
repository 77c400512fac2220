/**
 * Sites' budgets: levels against the daily and monthly caps, a new UTC day
 * starting from zero, sums that outlive the process in their file, and an
 * unreadable file set aside and treated as a spent day (fail closed).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { budgetLedger, type SiteBudget } from '../src/usage/budget-ledger.js';
import { memorySpendStore } from '../src/usage/site-spend.js';
import { fileSpendStore } from '../src/usage/ledger-file.js';
import type { LogFields } from '../src/log.js';
import { parseSiteFile } from '../src/sites/site-file.js';
import { loadSite } from '../src/sites/load-site.js';

const budget: SiteBudget = { dailyUsd: 10, monthlyUsd: 25, conversationUsd: 1, wrapUpAt: 0.9 };
const budgets = (id: string) => (id === 'shop' ? budget : undefined);
const noon = Date.UTC(2026, 11, 2, 12, 0, 0);

function logs() {
  const seen: { event: string; fields: LogFields }[] = [];
  return { seen, log: (event: string, fields: LogFields = {}) => void seen.push({ event, fields }) };
}

describe('a site budget', () => {
  it('is ok, near at 90 %, takes no new conversation once less than one conversation cap is left, and is exhausted at the cap', async () => {
    let now = noon;
    const { seen, log } = logs();
    const ledger = budgetLedger(memorySpendStore(() => now), budgets, log, () => now);
    expect(await ledger.spend('shop', 5)).toMatchObject({ level: 'ok', admits: true, remaining: 5 });
    expect(await ledger.spend('shop', 4)).toMatchObject({ level: 'near', admits: true, remaining: 1 });
    const closed = await ledger.spend('shop', 0.5);
    expect(closed).toMatchObject({ level: 'near', admits: false, remaining: 0.5, retryAfterS: 12 * 3600 });
    expect(await ledger.spend('shop', 0.5)).toMatchObject({ level: 'exhausted', admits: false, remaining: 0 });
    expect(seen.filter((l) => l.event === 'budget.level').map((l) => [l.fields.level, l.fields.admits])).toEqual([
      ['ok', true],
      ['near', true],
      ['near', false],
      ['exhausted', false],
    ]);
    // A new UTC day starts from zero; the month keeps counting, and its cap is the nearer one after two more days like it.
    now += 12 * 3600_000;
    expect(await ledger.state('shop')).toMatchObject({ spentToday: 0, spentMonth: 10, level: 'ok', admits: true });
    await ledger.spend('shop', 9.8);
    now += 24 * 3600_000;
    const month = await ledger.spend('shop', 4.7);
    expect(month).toMatchObject({ spentMonth: 24.5, remainingMonth: 0.5, remaining: 0.5, level: 'near', admits: false });
    // Reset at the start of January, not of the next day.
    expect(month.retryAfterS).toBe((Date.UTC(2027, 0, 1) - now) / 1000);
  });

  it('leaves a site without a budget alone', async () => {
    const ledger = budgetLedger(memorySpendStore(), budgets, () => {});
    expect(await ledger.spend('other', 1000)).toMatchObject({ level: 'ok', admits: true, remaining: null, spentToday: 1000 });
  });

  it('keeps its sums in a file across a restart, written whole', async () => {
    const dir = mkdtempSync(`${tmpdir()}/cv-ledger-`);
    const file = `${dir}/state/budgets.json`;
    const first = fileSpendStore(file, () => {});
    await Promise.all([first.add('shop', 0.25), first.add('shop', 0.5), first.add('other', 1)]);
    await first.flush();
    expect(readdirSync(`${dir}/state`)).toEqual(['budgets.json']);
    const again = budgetLedger(fileSpendStore(file, () => {}), budgets, () => {});
    expect(await again.state('shop')).toMatchObject({ spentToday: 0.75, spentMonth: 0.75 });
    expect(JSON.parse(readFileSync(file, 'utf8')).sites.other.today).toBe(1);
  });

  it('sets an unreadable file aside, logs it, and counts the day as spent (fail closed)', async () => {
    const dir = mkdtempSync(`${tmpdir()}/cv-ledger-`);
    const file = `${dir}/budgets.json`;
    writeFileSync(file, '{"version": 1, "sites": {"shop": {"day": "2026-12-02", "today": -3');
    const { seen, log } = logs();
    const ledger = budgetLedger(fileSpendStore(file, log), budgets, log);
    expect(await ledger.state('shop')).toMatchObject({ level: 'exhausted', admits: false, remaining: 0 });
    expect(await ledger.state('other')).toMatchObject({ level: 'ok', admits: true });
    const corrupt = seen.find((l) => l.event === 'budget.ledger_corrupt');
    expect(corrupt?.fields).toMatchObject({ file, treated_as: 'today_spent' });
    expect(existsSync(String(corrupt?.fields.moved_to))).toBe(true);
    // A second restart the same day still knows the day was lost.
    expect(await budgetLedger(fileSpendStore(file, log), budgets, log).state('shop')).toMatchObject({ admits: false });
    // A hand-edited negative sum is as unreadable as broken JSON.
    writeFileSync(file, JSON.stringify({ version: 1, sites: { shop: { day: '2026-12-02', today: -3, month: '2026-12', thisMonth: 0 } } }));
    expect(await budgetLedger(fileSpendStore(file, log), budgets, log).state('shop')).toMatchObject({ admits: false });
  });
});

describe('the budget in a site file', () => {
  const site = (budget: unknown) => JSON.stringify({ id: 'shop', shopName: 'Shop', shopUrl: 'https://shop.test', allowedOrigins: ['https://shop.test'], catalog: { source: 'feed.json' }, budget });

  it('fills in wrapUpAt, and says what is wrong with a bad one', () => {
    expect(loadSite(site({ dailyUsd: 20, conversationUsd: 0.5 }), 'shop.json', (s) => s).budget).toEqual({ dailyUsd: 20, monthlyUsd: undefined, conversationUsd: 0.5, wrapUpAt: 0.9 });
    expect(() => parseSiteFile(site({ dailyUsd: 1, conversationUsd: 2 }), 'shop.json')).toThrow(/budget: must have conversationUsd ≤ dailyUsd ≤ monthlyUsd/);
    expect(() => parseSiteFile(site({ dailyUsd: -1, conversationUsd: 0.5 }), 'shop.json')).toThrow(/budget\.dailyUsd/);
    expect(() => parseSiteFile(site({ dailyUsd: 5, conversationUsd: 0.5, wrapUpAt: 1.5 }), 'shop.json')).toThrow(/budget\.wrapUpAt/);
    expect(() => parseSiteFile(site({ daily: 5 }), 'shop.json')).toThrow(/unknown field "daily"/);
  });
});
