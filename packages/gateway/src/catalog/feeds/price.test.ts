import { describe, expect, it } from 'vitest';
import { parseAmount, parsePrice } from './price.js';

describe('parsePrice', () => {
  it.each([
    ['12.99 USD', 12.99, 'USD'],
    ['USD 12.99', 12.99, 'USD'],
    ['12,99 EUR', 12.99, 'EUR'],
    ['1,299.00 USD', 1299, 'USD'],
    ['1.299,00 EUR', 1299, 'EUR'],
    ['1 299,50 EUR', 1299.5, 'EUR'],
    ['1,299 USD', 1299, 'USD'],
    ['15 usd', 15, 'USD'],
    ['0.00 GBP', 0, 'GBP'],
    ['  7.5\u00a0CHF ', 7.5, 'CHF'],
  ])('reads %j', (text, amount, currency) => {
    expect(parsePrice(text)).toEqual({ amount, currency });
  });

  it('reads a bare amount without inventing a currency', () => {
    expect(parsePrice('12.99')).toEqual({ amount: 12.99 });
  });

  it.each(['', 'free', 'USD', '-5 USD', '12.99 USD EUR', 'USD 12 EUR', '1,2,3 USD', '12. USD', '1e5 USD', '12.99 DOLLARS', '999999999999 USD'])(
    'refuses %j',
    (text) => {
      expect(parsePrice(text)).toBeUndefined();
    },
  );

  it('reads Shopify amounts', () => {
    expect(parseAmount('19.90')).toBe(19.9);
    expect(parseAmount('abc')).toBeUndefined();
  });
});
