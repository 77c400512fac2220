import { describe, expect, it } from 'vitest';
import { memorySessionStore, type SessionRecord } from './state-store.js';

const record = (id: string, expiresAt: number, text = 'hello'): SessionRecord => ({
  sessionId: id,
  siteId: 'demo',
  origin: 'https://shop.example',
  createdAt: 0,
  expiresAt,
  conversation: [{ kind: 'user_text', text, at: 1 }],
  resumeGen: 3,
});

describe('memory session store', () => {
  it('returns a copy of what was saved until it expires', async () => {
    let t = 1000;
    const store = memorySessionStore({ now: () => t });
    await store.save(record('a', 2000));
    const loaded = await store.load('a');
    expect(loaded).toEqual(record('a', 2000));
    loaded!.conversation.push({ kind: 'assistant', text: 'changed', at: 2 });
    expect((await store.load('a'))!.conversation).toHaveLength(1);
    t = 2000;
    expect(await store.load('a')).toBeUndefined();
    expect(store.size()).toBe(0);
  });

  it('drops the least recently saved records beyond its size bound, and refuses one that can never fit', async () => {
    const store = memorySessionStore({ maxBytes: 3000, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await store.save(record(id, 10, 'x'.repeat(300)));
    expect(store.bytes()).toBeLessThanOrEqual(3000);
    expect(await store.load('a')).toBeUndefined();
    expect(await store.load('e')).toBeDefined();
    await expect(store.save(record('big', 10, 'y'.repeat(5000)))).rejects.toThrow(/over the store/);
    await store.remove('e');
    expect(await store.load('e')).toBeUndefined();
  });
});
