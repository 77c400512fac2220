import { describe, expect, it } from 'vitest';
import { truncateEvent } from './truncate.js';

describe('barge-in truncate', () => {
  it('keeps what was played, in whole milliseconds of 24 kHz audio', () => {
    expect(truncateEvent('item_1', 24_000, 48_000)).toEqual({ type: 'conversation.item.truncate', item_id: 'item_1', content_index: 0, audio_end_ms: 1000 });
    expect(truncateEvent('item_1', 1234, 48_000).audio_end_ms).toBe(51);
  });
  it('never claims more than was received', () => {
    expect(truncateEvent('item_1', 48_000, 12_000).audio_end_ms).toBe(500);
  });
  it('is zero when nothing played', () => {
    expect(truncateEvent('item_1', 0, 4800).audio_end_ms).toBe(0);
    expect(truncateEvent('item_1', -5, 4800).audio_end_ms).toBe(0);
  });
});
