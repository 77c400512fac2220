import { describe, expect, it } from 'vitest';
import { checkUpstreamEvent } from './upstream-event-shape.js';

describe('shape checks on events from the model service', () => {
  it('take an event type that names an Object.prototype member as any unknown type: checked, never thrown, not relayed', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = checkUpstreamEvent({ type });
      expect(result.ok && result.relay).toBe(false);
    }
  });

  it('still refuse a known type without its fields', () => {
    expect(checkUpstreamEvent({ type: 'response.done' })).toEqual({ ok: false, type: 'response.done' });
  });
});
