/**
 * A seeded generator of frames the gateway must refuse, each with the
 * gateway.error code it must answer with. Seeded, so a failure replays.
 */
export interface BadFrame {
  data: string | Buffer;
  /** The code of the gateway.error it must get. */
  expect: string;
}

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function badFrames(seed: number) {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const text = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + int(95))).join('');
  const junk = () => pick([null, 0, -1, 1e308, '', 'x'.repeat(int(50)), [], {}, true, { nested: { deep: [1, 2, 3] } }]);

  const makers: (() => BadFrame)[] = [
    // Not JSON at all.
    () => ({ data: `{${text(1 + int(80))},`, expect: 'invalid_json' }),
    // JSON, but not an object.
    () => ({ data: JSON.stringify(pick([1, 'str', null, [1, 2], true, 3.5])), expect: 'invalid_event' }),
    // An object with no usable type.
    () => ({ data: JSON.stringify({ typ: 'response.create', x: junk() }), expect: 'invalid_event' }),
    () => ({ data: JSON.stringify({ type: pick([42, null, [], {}, true]) }), expect: 'invalid_event' }),
    // Types nobody may send.
    () => ({ data: JSON.stringify({ type: `${text(1 + int(20))}.${text(1 + int(10))}` }), expect: 'unknown_event' }),
    () => ({ data: JSON.stringify({ type: 'output_audio_buffer.clear' }), expect: 'event_not_allowed' }),
    // Items that are not this conversation's messages: the same answer whatever the id, so none is revealed.
    () => ({ data: JSON.stringify({ type: pick(['conversation.item.delete', 'conversation.item.retrieve']), item_id: `item_${text(1 + int(20))}` }), expect: 'unknown_item' }),
    // Items the shopper may not create.
    () => ({
      data: JSON.stringify({ type: 'conversation.item.create', item: { type: 'message', role: pick(['system', 'assistant', 'developer']), content: [{ type: 'input_text', text: text(int(40)) }] } }),
      expect: 'event_not_allowed',
    }),
    () => ({ data: JSON.stringify({ type: 'conversation.item.create', item: { type: pick(['function_call_output', 'function_call']), call_id: 'c', output: text(10) } }), expect: 'event_not_allowed' }),
    // Session fields only the gateway sets.
    () => ({ data: JSON.stringify({ type: 'session.update', session: { [pick(['instructions', 'tools', 'model', 'tool_choice', 'prompt', 'tracing'])]: junk() } }), expect: 'field_not_allowed' }),
    () => ({ data: JSON.stringify({ type: 'response.create', response: { [pick(['instructions', 'tools', 'input', 'tool_choice', 'prompt'])]: junk() } }), expect: 'field_not_allowed' }),
    // Audio that is not PCM16.
    () => ({ data: Buffer.alloc(1 + 2 * int(400), int(256)), expect: 'audio_frame_invalid' }),
    () => ({ data: JSON.stringify({ type: 'input_audio_buffer.append', audio: `${text(1 + int(30))}!` }), expect: 'audio_frame_invalid' }),
    // Deep nesting.
    () => ({ data: `${'['.repeat(200 + int(300))}${']'.repeat(200 + int(300))}`, expect: int(2) ? 'invalid_json' : 'invalid_json' }),
  ];
  return () => {
    const frame = pick(makers)();
    // Balanced brackets parse as an array; unbalanced do not.
    if (typeof frame.data === 'string' && frame.data.startsWith('[[')) {
      const open = frame.data.indexOf(']');
      frame.expect = open * 2 === frame.data.length ? 'invalid_event' : 'invalid_json';
    }
    return frame;
  };
}
