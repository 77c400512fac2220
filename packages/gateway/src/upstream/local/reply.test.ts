import { describe, expect, it } from 'vitest';
import { greetingReply, replyFromToolOutputs } from './reply.js';

const book = { id: 'b1', name: 'Le Comte de Monte-Cristo', price: 6.9, currency: 'EUR', description: 'Un roman d\'aventures.', availability: 'in_stock' };

describe('the local engine\'s answers', () => {
  it('writes prices the shop\'s way and names its versions, with their stock', () => {
    const withVersions = { ...book, variants: [{ id: 'b1-p', format: 'poche', price: 6.9, availability: 'in_stock' }, { id: 'b1-r', format: 'relié', price: 14, availability: 'out_of_stock' }] };
    const text = replyFromToolOutputs([JSON.stringify({ results: [withVersions] })], 'fr');
    expect(text).toContain('6,90\u00a0€');
    expect(text).toContain('It comes in poche (6,90\u00a0€) and relié (sold out).');
    expect(replyFromToolOutputs([JSON.stringify({ results: [book] })], 'en')).toContain('€6.90');
  });

  it('says a product is sold out, or to pre-order, and offers what can be bought', () => {
    const gone = { ...book, id: 'b2', name: 'Maigret', availability: 'out_of_stock' };
    expect(replyFromToolOutputs([JSON.stringify({ results: [gone, book] })])).toMatch(/^Sorry, the Maigret is sold out at the moment\. Instead, I'd suggest the Le Comte de Monte-Cristo/);
    expect(replyFromToolOutputs([JSON.stringify({ product: { ...book, availability: 'preorder' } })])).toContain('It is available to pre-order.');
  });

  it('greets as the shop', () => {
    expect(greetingReply({ shopName: 'Librairie Papillon', categories: ['Romans'], policyTopics: [], language: 'fr' })).toContain('the Librairie Papillon assistant');
  });
});
