/**
 * A model service that answers each response.create from a script: function
 * calls, a text answer, or nothing, so tests decide what the model does and
 * read what the gateway sent it in order.
 */
import { startFakeService, type FakeService, type ServiceConnection } from '../helpers/fake-service.js';

export type Turn = { calls: { name: string; args: object }[] } | { text: string } | { silent: true };

let n = 0;

/** Sends one whole response as the service would: created, its items, done. */
export function sendResponse(conn: ServiceConnection, turn: Turn, metadata: unknown = null) {
  const id = `resp_${++n}`;
  conn.send({ type: 'response.created', event_id: `ev_${n}c`, response: { id, status: 'in_progress', output: [], metadata } });
  const output: object[] = [];
  if ('calls' in turn) {
    for (const [i, c] of turn.calls.entries()) {
      const item = { id: `item_${n}_${i}`, type: 'function_call', status: 'completed', call_id: `call_${n}_${i}`, name: c.name, arguments: JSON.stringify(c.args) };
      output.push(item);
      conn.send({ type: 'response.output_item.done', event_id: `ev_${n}_${i}`, response_id: id, output_index: i, item });
    }
  } else if ('text' in turn) {
    conn.send({ type: 'response.output_text.done', event_id: `ev_${n}t`, response_id: id, item_id: `item_${n}`, output_index: 0, content_index: 0, text: turn.text });
  }
  conn.send({ type: 'response.done', event_id: `ev_${n}d`, response: { id, status: 'completed', output, metadata, output_modalities: ['text'] } });
}

/**
 * The service: each non-holding response.create takes the next turn of
 * `script`; a holding line is answered with a short text at once.
 */
export async function scriptedModel(script: Turn[]): Promise<FakeService> {
  const turns = [...script];
  return startFakeService(undefined, (conn, event) => {
    if (event.type !== 'response.create') return;
    if (event.response?.metadata?.gateway === 'holding') return sendResponse(conn, { text: 'One moment.' }, event.response.metadata);
    const turn = turns.shift() ?? { text: 'done' };
    if (!('silent' in turn)) sendResponse(conn, turn);
  });
}

/** What the service was sent after its set-up, by type: the order tests check. */
export const sentTypes = (conn: ServiceConnection) =>
  conn.received.filter((e) => e.type !== 'session.update').map((e) => (e.type === 'conversation.item.create' ? `item:${e.item.type}` : e.type));

/** Retries `check` (assertions that throw) until it passes or `timeoutMs` is over; returns what it returned. */
export async function until<T>(check: () => T, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
