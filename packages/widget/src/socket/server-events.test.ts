/**
 * Server events into stores: a text turn, a voice turn, and a barge-in, as
 * the gateway sends them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createServerEventHandler, type ServerEventHooks } from './server-events.js';
import { createMessagesStore } from '../stores/messages.js';

let calls: string[];
let hooks: ServerEventHooks;

beforeEach(() => {
  calls = [];
  hooks = {
    messages: createMessagesStore(`test-${Math.random()}`),
    sessionStarted: (id) => calls.push(`session ${id}`),
    products: (cards) => calls.push(`products ${cards.map((c) => c.id).join(',')}`),
    error: (code) => calls.push(`error ${code}`),
    notice: (message) => calls.push(`notice ${message}`),
    speechStarted: () => calls.push('speech started'),
    speechStopped: () => calls.push('speech stopped'),
    audioItem: (id) => calls.push(`audio ${id}`),
    audioDone: (id) => calls.push(`audio done ${id}`),
    responseActive: (id) => calls.push(`response ${id}`),
    toolCall: (e) => calls.push(`tool ${e.name} ${e.call_id}`),
    answered: (spoken) => calls.push(`answered ${spoken ? 'spoken' : 'text'}`),
    responseDone: (followed) => calls.push(`done${followed ? ' followed' : ''}`),
  };
});

const handle = (events: object[]) => {
  const h = createServerEventHandler(hooks);
  for (const e of events) h(e as never);
};

describe('server events', () => {
  it('a typed turn: adopts the echo of the local message, streams the answer, shows cards', () => {
    hooks.messages.add({ id: 'local_1', role: 'user', text: 'a tent' });
    handle([
      { type: 'gateway.session', session_id: 's1' },
      { type: 'conversation.item.added', item: { id: 'item_u', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'a tent' }] } },
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'gateway.products', products: [{ id: 'tent-basecamp-4' }] },
      { type: 'response.output_text.delta', item_id: 'item_a', delta: 'Try the ' },
      { type: 'response.output_text.delta', item_id: 'item_a', delta: 'Basecamp' },
      { type: 'response.output_text.done', item_id: 'item_a', text: 'Try the Basecamp 4.' },
      { type: 'response.done', response: { id: 'resp_1', output: [{ type: 'message', id: 'item_a' }] } },
    ]);
    expect(hooks.messages.$messages.get().map((m) => [m.id, m.role, m.text, !!m.partial])).toEqual([
      ['item_u', 'user', 'a tent', false],
      ['item_a', 'assistant', 'Try the Basecamp 4.', false],
    ]);
    expect(calls).toEqual(['session s1', 'response resp_1', 'products tent-basecamp-4', 'answered text', 'answered text', 'response null', 'done']);
  });

  it('a voice turn: speech events, a user voice item with its transcript, audio item bookkeeping', () => {
    handle([
      { type: 'input_audio_buffer.speech_started', audio_start_ms: 1000 },
      { type: 'input_audio_buffer.speech_stopped', audio_end_ms: 2700 },
      { type: 'conversation.item.added', item: { id: 'item_v', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] } },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_v', delta: 'I need a tent' },
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'item_v', transcript: 'I need a tent.' },
      { type: 'response.content_part.added', item_id: 'item_b', part: { type: 'audio' } },
      { type: 'response.output_audio_transcript.delta', item_id: 'item_b', delta: 'Sure' },
      { type: 'response.output_audio.done', item_id: 'item_b' },
      { type: 'response.output_audio_transcript.done', item_id: 'item_b', transcript: 'Sure.' },
    ]);
    const msgs = hooks.messages.$messages.get();
    expect(msgs.map((m) => [m.id, m.role, m.text, m.voice])).toEqual([
      ['item_v', 'user', 'I need a tent.', true],
      ['item_b', 'assistant', 'Sure.', true],
    ]);
    expect(calls).toEqual(['speech started', 'speech stopped', 'audio item_b', 'answered spoken', 'audio done item_b']);
  });

  it("matches the shopper's transcript deltas to their turn by item id, not by arrival order", () => {
    handle([
      { type: 'input_audio_buffer.committed', item_id: 'item_1', previous_item_id: null },
      { type: 'response.output_audio_transcript.delta', item_id: 'ans_1', delta: 'Tents ' },
      { type: 'input_audio_buffer.committed', item_id: 'item_2', previous_item_id: 'ans_1' },
      // Transcription runs beside the answers: the second turn's words come first, then the first turn's, interleaved.
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_2', delta: 'And ' },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_1', delta: 'A tent ' },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_2', delta: 'boots?' },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_1', delta: 'for four' },
    ]);
    const live = hooks.messages.$messages.get();
    expect(live.map((m) => [m.id, m.text, !!m.partial])).toEqual([
      ['item_1', 'A tent for four', true],
      ['ans_1', 'Tents ', true],
      ['item_2', 'And boots?', true],
    ]);
    handle([{ type: 'conversation.item.input_audio_transcription.completed', item_id: 'item_1', transcript: 'A tent for four.' }]);
    expect(hooks.messages.$messages.get()[0]).toMatchObject({ id: 'item_1', text: 'A tent for four.', partial: false, voice: true });
  });

  it('a replayed item without its transcript keeps the words the deltas built; a done item with one fills it in', () => {
    handle([
      { type: 'conversation.item.added', item: { id: 'item_v', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] } },
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_v', delta: 'Do you sell lanterns' },
      // After a reconnect the gateway replays what was missed: the same item, again without a transcript.
      { type: 'conversation.item.added', item: { id: 'item_v', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] } },
    ]);
    expect(hooks.messages.$messages.get().map((m) => m.text)).toEqual(['Do you sell lanterns']);
    handle([{ type: 'conversation.item.done', item: { id: 'item_v', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: 'Do you sell lanterns?' }] } }]);
    expect(hooks.messages.$messages.get()).toEqual([{ id: 'item_v', role: 'user', text: 'Do you sell lanterns?', voice: true, partial: false }]);
  });

  it('a response whose outputs are tool calls is followed by another', () => {
    handle([{ type: 'response.done', response: { id: 'r', output: [{ type: 'function_call', id: 'fc', call_id: 'c', name: 'search_products' }] } }]);
    expect(calls).toEqual(['response null', 'done followed']);
  });

  it('a failed transcription leaves a finished voice message rather than a spinner', () => {
    handle([
      { type: 'conversation.item.added', item: { id: 'item_v', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] } },
      { type: 'conversation.item.input_audio_transcription.failed', item_id: 'item_v', error: {} },
    ]);
    expect(hooks.messages.$messages.get()[0]).toMatchObject({ id: 'item_v', voice: true, partial: false, text: '' });
  });

  it('a cancelled response finishes its partial message', () => {
    handle([
      { type: 'response.output_audio_transcript.delta', item_id: 'item_c', delta: 'Our tents' },
      { type: 'response.done', response: { id: 'r', status: 'cancelled', output: [{ type: 'message', id: 'item_c' }] } },
    ]);
    expect(hooks.messages.$messages.get()[0]).toMatchObject({ text: 'Our tents', partial: false });
    expect(calls).toEqual(['answered spoken', 'response null', 'done']);
  });

  it('passes errors on with their code', () => {
    handle([{ type: 'gateway.error', code: 'upstream_unavailable', message: 'x' }]);
    expect(calls).toEqual(['error upstream_unavailable']);
  });

  it('passes notices on as words for the shopper, not as errors', () => {
    handle([{ type: 'gateway.notice', code: 'session_ending', message: 'This conversation will end in 60 seconds.', seconds_left: 60 }]);
    expect(calls).toEqual(['notice This conversation will end in 60 seconds.']);
  });

  it('a response_timeout: its fallback line is the assistant\'s turn and no response is active any more', () => {
    handle([
      { type: 'response.created', response: { id: 'resp_1' } },
      { type: 'error', event_id: 'gwerr_1', error: { type: 'server_error', code: 'response_timeout', message: 'Sorry, that took too long. Please ask me again.', param: null, event_id: null } },
      { type: 'gateway.error', code: 'response_timeout', message: 'Sorry, that took too long. Please ask me again.' },
    ]);
    expect(hooks.messages.$messages.get().map((m) => [m.role, m.text])).toEqual([['assistant', 'Sorry, that took too long. Please ask me again.']]);
    expect(calls).toEqual(['response resp_1', 'response null', 'error response_timeout']);
  });
});
