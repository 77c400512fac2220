import { describe, expect, it } from 'vitest';
import { createMessagesStore } from './messages.js';

const card = { id: 'p1', name: 'Tent', price: 1, currency: 'USD', image: '', url: '', reason: '' };
const shape = (m: ReturnType<typeof createMessagesStore>) => m.$messages.get().map((x) => (x.products ? 'cards' : `${x.role}:${x.text}`));

describe('cards and their answer', () => {
  it('puts the answer that follows a search before its cards, once', () => {
    const m = createMessagesStore(`t${Math.random()}`);
    m.add({ id: 'u1', role: 'user', text: 'tent?' });
    m.attachProducts([card]);
    m.append('a1', 'assistant', 'Try the ');
    m.append('a1', 'assistant', 'Tent.');
    expect(shape(m)).toEqual(['user:tent?', 'assistant:Try the Tent.', 'cards']);
    // A later message of the same turn does not jump the cards again.
    m.append('a2', 'assistant', 'Anything else?');
    expect(shape(m)).toEqual(['user:tent?', 'assistant:Try the Tent.', 'cards', 'assistant:Anything else?']);
  });

  it('leaves earlier cards alone when a new question comes', () => {
    const m = createMessagesStore(`t${Math.random()}`);
    m.attachProducts([card]);
    m.add({ id: 'u2', role: 'user', text: 'and a stove?' });
    m.append('a3', 'assistant', 'Yes.');
    expect(shape(m)).toEqual(['cards', 'user:and a stove?', 'assistant:Yes.']);
  });
});
