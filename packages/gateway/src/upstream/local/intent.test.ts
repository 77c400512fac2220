import { describe, expect, it } from 'vitest';
import { detectCategory, parsePriceCap, planFor, wordsToNumber } from './intent.js';

const outdoor = { language: 'en', shopName: 'Contoso Outdoor', categories: ['Tents', 'Backpacks', 'Sleeping bags', 'Hiking footwear', 'Headlamps and lanterns'], policyTopics: ['shipping', 'returns'] };
const bikes = { language: 'en', shopName: 'Acme Bikes', categories: ['Bikes', 'Road bikes', 'Lights', 'Helmets'], policyTopics: ['shipping', 'returns', 'warranty'] };

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

  it('spots the shop\'s own categories, the most specific first', () => {
    expect(detectCategory('show me sleeping bags', outdoor.categories)).toBe('Sleeping bags');
    expect(detectCategory('a headlamp for night hikes', outdoor.categories)).toBe('Headlamps and lanterns');
    expect(detectCategory('planning a backpacking trip', outdoor.categories)).toBeUndefined();
    expect(detectCategory('do you have bike lights', bikes.categories)).toBe('Lights');
    expect(detectCategory('a light road bike', bikes.categories)).toBe('Road bikes');
    expect(detectCategory('do you have bike lights', outdoor.categories)).toBeUndefined();
  });

  it('plans the right tool from what the shop offers', () => {
    expect(planFor('What does shipping cost?', outdoor)).toEqual({ kind: 'tool', name: 'get_store_policy', args: { topic: 'shipping' } });
    expect(planFor('Can I return used boots?', outdoor)).toMatchObject({ name: 'get_store_policy', args: { topic: 'returns' } });
    expect(planFor('How long is the warranty on frames?', bikes)).toMatchObject({ name: 'get_store_policy', args: { topic: 'warranty' } });
    expect(planFor('How long is the warranty on tents?', outdoor)).toMatchObject({ name: 'search_products' });
    expect(planFor('hello!', outdoor)).toEqual({ kind: 'greeting' });
    expect(planFor('I need a tent for four people', outdoor)).toEqual({
      kind: 'tool',
      name: 'search_products',
      args: { query: 'I need a tent for four people', category: 'Tents' },
    });
    expect(planFor('do you have bike lights', bikes)).toMatchObject({ name: 'search_products', args: { category: 'Lights' } });
  });
});

describe('intent in the shop\'s languages', () => {
  const papillon = { language: 'fr', shopName: 'Librairie Papillon', categories: ['Romans', 'Cuisine'], policyTopics: ['shipping', 'returns'] };
  it('reads policy questions, greetings and "who are you" in French, German and Spanish', () => {
    expect(planFor('quels sont vos frais de livraison ?', papillon)).toMatchObject({ name: 'get_store_policy', args: { topic: 'shipping' } });
    expect(planFor('quelle est votre politique de retour ?', papillon)).toMatchObject({ name: 'get_store_policy', args: { topic: 'returns' } });
    expect(planFor('Wie lange dauert der Versand?', papillon)).toMatchObject({ args: { topic: 'shipping' } });
    expect(planFor('¿Cuál es la política de devolución?', papillon)).toMatchObject({ args: { topic: 'returns' } });
    expect(planFor('Bonjour !', papillon)).toEqual({ kind: 'greeting' });
    expect(planFor('Qui êtes-vous ?', papillon)).toEqual({ kind: 'greeting' });
    expect(planFor('un livre de cuisine', papillon)).toMatchObject({ name: 'search_products', args: { category: 'Cuisine' } });
  });
});
