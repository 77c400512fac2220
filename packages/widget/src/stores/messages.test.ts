import { afterEach, describe, expect, it, vi } from 'vitest';

/** A sessionStorage for Node, as the browser gives one per tab. */
function installSessionStorage() {
  const data = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  });
  return data;
}

afterEach(() => vi.unstubAllGlobals());

describe('messages store', () => {
  it('keeps the transcript in sessionStorage, so the next page shows it', async () => {
    const data = installSessionStorage();
    const { createMessagesStore } = await import('./messages.js');
    const first = createMessagesStore('shop');
    first.add({ id: 'local_1', role: 'user', text: 'boots?' });
    first.append('item_a', 'assistant', 'Try ');
    first.append('item_a', 'assistant', 'these.');
    first.finish('item_a');
    expect(JSON.parse(data.get('contoso-voice:shop:transcript')!)).toHaveLength(2);
    // The next page load makes a fresh store from the same tab's storage.
    const second = createMessagesStore('shop');
    expect(second.$messages.get()).toEqual([
      { id: 'local_1', role: 'user', text: 'boots?' },
      { id: 'item_a', role: 'assistant', text: 'Try these.', partial: false },
    ]);
  });

  it('survives a corrupt or blocked storage', async () => {
    const data = installSessionStorage();
    data.set('contoso-voice:x:transcript', '{not json');
    const { createMessagesStore } = await import('./messages.js');
    const store = createMessagesStore('x');
    expect(store.$messages.get()).toEqual([]);
    vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: () => { throw new Error('QuotaExceeded'); } });
    const blocked = createMessagesStore('y');
    blocked.add({ id: 'a', role: 'user', text: 'still here' });
    expect(blocked.$messages.get()).toHaveLength(1);
  });

  it('adopts the server id of a typed message once, newest first', async () => {
    installSessionStorage();
    const { createMessagesStore } = await import('./messages.js');
    const s = createMessagesStore('z');
    s.add({ id: 'local_1', role: 'user', text: 'hi' });
    s.add({ id: 'local_2', role: 'user', text: 'hi' });
    expect(s.adopt('hi', 'item_9')).toBe(true);
    expect(s.$messages.get().map((m) => m.id)).toEqual(['local_1', 'item_9']);
    expect(s.adopt('nope', 'item_10')).toBe(false);
  });

  it('keeps at most the last 100 messages', async () => {
    installSessionStorage();
    const { createMessagesStore } = await import('./messages.js');
    const s = createMessagesStore('long');
    for (let i = 0; i < 130; i++) s.add({ id: `m${i}`, role: 'user', text: String(i) });
    expect(s.$messages.get()).toHaveLength(100);
    expect(s.$messages.get()[0]!.id).toBe('m30');
  });
});
