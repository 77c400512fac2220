import { describe, expect, it } from 'vitest';
import { parseAvailability } from './availability.js';

describe('parseAvailability', () => {
  it.each([
    ['in_stock', 'in_stock'],
    ['in stock', 'in_stock'],
    ['In Stock', 'in_stock'],
    ['out of stock', 'out_of_stock'],
    ['out-of-stock', 'out_of_stock'],
    ['available for order', 'in_stock'],
    ['preorder', 'preorder'],
    ['pre-order', 'preorder'],
    ['backorder', 'backorder'],
    ['https://schema.org/InStock', 'in_stock'],
    ['http://schema.org/OutOfStock', 'out_of_stock'],
  ])('%j → %s', (text, expected) => {
    expect(parseAvailability(text)).toBe(expected);
  });

  it.each(['', 'soon', 'maybe', 'constructor', '__proto__'])('refuses %j', (text) => {
    expect(parseAvailability(text)).toBeUndefined();
  });
});
