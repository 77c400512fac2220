import { describe, expect, it } from 'vitest';
import { detectCategory, parsePriceCap, planFor, wordsToNumber } from './intent.js';

describe('intent', () => {
  it('reads number words', () => {
    expect(wordsToNumber('one hundred and fifty'.split(' '))).toBe(150);
    expect(wordsToNumber('two thousand'.split(' '))).toBe(2000);
    expect(wordsToNumber('ninety nine'.split(' '))).toBe(99);
    expect(wordsToNumber(['tents'])).toBeNull();
  });

  it('reads price caps in digits and words', () => {
    expect(parsePriceCap('boots under $150 please')).toBe(150);
    expect(parsePriceCap('a tent below 300 dollars')).toBe(300);
    expect(parsePriceCap('Do you have waterproof hiking boots under one hundred and fifty dollars?')).toBe(150);
    expect(parsePriceCap('less than 1,200 for a tent')).toBe(1200);
    expect(parsePriceCap('I need a tent')).toBeUndefined();
  });

  it('spots categories', () => {
    expect(detectCategory('show me sleeping bags')).toBe('sleeping-bags');
    expect(detectCategory('a new rucksack')).toBe('backpacks');
    expect(detectCategory('trail runners for summer')).toBe('hiking-footwear');
    expect(detectCategory('planning a backpacking trip')).toBeUndefined();
  });

  it('plans the right tool', () => {
    expect(planFor('What does shipping cost?')).toEqual({ kind: 'tool', name: 'get_store_policy', args: { topic: 'shipping' } });
    expect(planFor('Can I return used boots?')).toMatchObject({ name: 'get_store_policy', args: { topic: 'returns' } });
    expect(planFor('hello!')).toEqual({ kind: 'greeting' });
    expect(planFor('I need a tent for four people')).toEqual({
      kind: 'tool',
      name: 'search_products',
      args: { query: 'I need a tent for four people', category: 'tents' },
    });
  });
});
