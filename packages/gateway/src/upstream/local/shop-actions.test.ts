import { describe, expect, it } from 'vitest';
import { namedWords, readShopAction } from './shop-actions.js';
import { quantityIn, tokens } from './shop-words.js';

describe('shop actions in text', () => {
  it('reads an add with the product named, and keeps a number in the name out of the quantity', () => {
    expect(readShopAction('add the Basecamp 4 to my cart')).toMatchObject({ kind: 'add', words: ['basecamp', '4'], quantity: undefined });
    expect(readShopAction('Add the Basecamp 4 tent to my cart')).toMatchObject({ kind: 'add', words: ['basecamp', '4', 'tent'] });
    expect(readShopAction('please put 2 Basecamp 4 tents in my basket')).toMatchObject({ kind: 'add', words: ['basecamp', '4', 'tents'], quantity: 2 });
  });

  it('reads an add that points back at what was shown, with its quantity and options', () => {
    expect(readShopAction('add two of those')).toMatchObject({ kind: 'add', words: [], quantity: 2 });
    expect(readShopAction('add it')).toMatchObject({ kind: 'add', words: [] });
    expect(readShopAction('yes, add it to my cart')).toMatchObject({ kind: 'add', words: [] });
    expect(readShopAction('add two of the medium blue ones')).toMatchObject({ kind: 'add', words: ['medium', 'blue'], quantity: 2 });
    expect(readShopAction("I'll take three")).toMatchObject({ kind: 'add', quantity: 3 });
  });

  it('reads cart, remove and show requests', () => {
    expect(readShopAction("what's in my cart?")).toEqual({ kind: 'cart' });
    expect(readShopAction('show me my cart')).toEqual({ kind: 'cart' });
    expect(readShopAction('remove the stove')).toMatchObject({ kind: 'remove', words: ['stove'] });
    expect(readShopAction('take the stove out of my cart')).toMatchObject({ kind: 'remove', words: ['stove'] });
    expect(readShopAction('take me to it')).toEqual({ kind: 'show', words: [] });
    expect(readShopAction('show me the Basecamp 4 page')).toEqual({ kind: 'show', words: ['basecamp', '4'] });
  });

  it('leaves searches and questions alone', () => {
    expect(readShopAction('I want to buy a tent for four people')).toBeNull();
    expect(readShopAction('show me sleeping bags')).toBeNull();
    expect(readShopAction('What does shipping cost?')).toBeNull();
    expect(readShopAction('a tent to put in my car')).toBeNull();
  });

  it('reads German, French and Spanish shop actions', () => {
    expect(readShopAction('Leg zwei davon in den Warenkorb')).toMatchObject({ kind: 'add', quantity: 2 });
    expect(readShopAction('ajoute la tente Basecamp 4 au panier')).toMatchObject({ kind: 'add', words: ['tente', 'basecamp', '4'] });
    expect(readShopAction('añade dos al carrito')).toMatchObject({ kind: 'add', quantity: 2 });
    expect(readShopAction("qu'y a-t-il dans mon panier ?")).toEqual({ kind: 'cart' });
    expect(readShopAction('quita la estufa')).toMatchObject({ kind: 'remove', words: ['estufa'] });
  });

  it('does not read the m of "I\'m" or the s of "it\'s" as sizes, nor "one" as a quantity', () => {
    expect(tokens("I'm sure it's fine")).toEqual(['i', 'sure', 'it', 'fine']);
    expect(namedWords('the blue one in medium')).toEqual({ words: ['blue', 'medium'], quantity: undefined });
    expect(quantityIn(tokens('add one of those'))).toBeUndefined();
    expect(quantityIn(tokens('2 x the red one'))).toEqual({ quantity: 2, index: 0 });
  });

  it('keeps a measure one word, so "add 28 cm" is a size and not 28 of it', () => {
    expect(tokens('the 28 cm one')).toEqual(['the', '28cm', 'one']);
    expect(tokens('the 1,5 l pot or the 28cm pan')).toEqual(['the', '1.5l', 'pot', 'or', 'the', '28cm', 'pan']);
    expect(tokens('the 12" board')).toEqual(['the', '12inch', 'board']);
    expect(tokens('add "Pan 12" please')).toEqual(['add', 'pan', '12', 'please']);
    expect(quantityIn(tokens('add 28 cm'))).toBeUndefined();
    expect(quantityIn(tokens('add 2 L'))).toEqual({ quantity: 2, index: 1 });
    expect(quantityIn(tokens('add 2 in red'))).toEqual({ quantity: 2, index: 1 });
    expect(readShopAction('add the Gusseisenpfanne Robust in 28 cm')).toMatchObject({ kind: 'add', words: ['gusseisenpfanne', 'robust', '28cm'], quantity: undefined });
    expect(namedWords('28 cm')).toEqual({ words: ['28cm'], quantity: undefined });
  });

  it('removes one when the shopper says "one", "a" or "an", and the whole line when no number is said', () => {
    expect(readShopAction('remove one of the pans')).toEqual({ kind: 'remove', words: ['pans'], quantity: 1 });
    expect(readShopAction('please remove a stove')).toEqual({ kind: 'remove', words: ['stove'], quantity: 1 });
    expect(readShopAction('take one of the stoves out of my cart')).toEqual({ kind: 'remove', words: ['stoves'], quantity: 1 });
    expect(readShopAction('entferne eine Pfanne')).toEqual({ kind: 'remove', words: ['pfanne'], quantity: 1 });
    expect(readShopAction('remove two pans')).toMatchObject({ kind: 'remove', words: ['pans'], quantity: 2 });
    expect(readShopAction('remove the pans')).toEqual({ kind: 'remove', words: ['pans'] });
    expect(readShopAction('remove it')).toEqual({ kind: 'remove', words: [] });
    expect(readShopAction('quita la estufa')).toEqual({ kind: 'remove', words: ['estufa'] });
  });
});
