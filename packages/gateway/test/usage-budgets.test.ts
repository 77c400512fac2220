/**
 * Usage and budgets end to end, with a scripted model service that reports
 * known usage through the real openai client: a conversation's cost and its
 * site's spend match a hand computation; a budget with less than one
 * conversation's cap left refuses the next session (token and socket routes)
 * with budget_exhausted; an open conversation near its cap is told to wrap
 * up, and at it says goodbye and closes with 4402; a bad usage block is
 * counted as unknown and the session goes on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { askInText, connectClient, testToken } from './helpers/socket-client.js';
import { startFakeService, type FakeService, type ServiceConnection } from './helpers/fake-service.js';
import { attemptUpgrade } from './helpers/upgrade-attempt.js';
import { eventually } from './helpers/eventually.js';
import { TEST_SITE_SECRET } from './helpers/test-secrets.js';
import { openaiUpstream } from '../src/upstream/openai.js';
import { bundledDemo } from '../src/sites/demo-site.js';
import type { SiteBudget } from '../src/usage/budget-ledger.js';

/** $0.0274 at gpt-realtime prices: (200×4 + 400×0.40 + 300×32 + 100×0.40 + 50×16 + 250×64) / 1M. */
const ANSWER_USAGE = {
  total_tokens: 1300,
  input_tokens: 1000,
  output_tokens: 300,
  input_token_details: { text_tokens: 600, audio_tokens: 400, image_tokens: 0, cached_tokens: 500, cached_tokens_details: { text_tokens: 400, audio_tokens: 100, image_tokens: 0 } },
  output_token_details: { text_tokens: 50, audio_tokens: 250 },
};
const ANSWER_USD = (200 * 4 + 400 * 0.4 + 300 * 32 + 100 * 0.4 + 50 * 16 + 250 * 64) / 1e6;
/** $0.000475 at gpt-4o-mini-transcribe prices: (100×3 + 20×1.25 + 30×5) / 1M. */
const TRANSCRIPTION_USAGE = { type: 'tokens', input_tokens: 120, input_token_details: { audio_tokens: 100, text_tokens: 20 }, output_tokens: 30, total_tokens: 150 };
const TRANSCRIPTION_USD = (100 * 3 + 20 * 1.25 + 30 * 5) / 1e6;
/** $0.00296: (100×4 + 40×64) / 1M. */
const GOODBYE_USAGE = { input_tokens: 100, output_tokens: 40, input_token_details: { text_tokens: 100 }, output_token_details: { audio_tokens: 40 } };
const GOODBYE_USD = (100 * 4 + 40 * 64) / 1e6;

let gw: TestGateway | null = null;
let service: FakeService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

let answers = 0;
function answer(conn: ServiceConnection, usage: unknown, metadata: unknown = null) {
  const id = `resp_${++answers}`;
  conn.send({ type: 'response.created', event_id: `ev_${id}_c`, response: { id, status: 'in_progress', output: [], metadata } });
  conn.send({ type: 'response.output_text.delta', event_id: `ev_${id}_d`, response_id: id, item_id: `item_${id}`, output_index: 0, content_index: 0, delta: 'The tent sleeps four.' });
  conn.send({ type: 'response.output_text.done', event_id: `ev_${id}_t`, response_id: id, item_id: `item_${id}`, output_index: 0, content_index: 0, text: 'The tent sleeps four.' });
  conn.send({ type: 'response.done', event_id: `ev_${id}_e`, response: { id, status: 'completed', output: [], output_modalities: ['text'], metadata, usage } });
}

/**
 * A gateway for the demo site with `budget`, before a service that answers each response.create with `usage` (goodbyes with
 * their own). With `answerMs`, as the service does, an answer takes that long and a response.create during one is refused.
 */
async function start(budget: SiteBudget, usage: () => unknown = () => ANSWER_USAGE, answerMs = 0) {
  const busy = new Set<ServiceConnection>();
  service = await startFakeService(
    (c) => c.send({ type: 'session.created', event_id: 'ev_sc', session: { type: 'realtime', model: 'gpt-realtime-2025-08-28', tools: [] } }),
    (conn, event) => {
      if (event.type === 'session.update') return conn.send({ type: 'session.updated', event_id: `ev_su${conn.received.length}`, session: { type: 'realtime', ...event.session } });
      if (event.type !== 'response.create') return;
      const goodbye = event.response?.metadata?.gateway === 'goodbye';
      if (!answerMs) return goodbye ? answer(conn, GOODBYE_USAGE, event.response.metadata) : answer(conn, usage());
      if (busy.has(conn)) {
        return conn.send({ type: 'error', event_id: `ev_busy${conn.received.length}`, error: { type: 'invalid_request_error', code: 'conversation_already_has_active_response', message: 'busy', event_id: event.event_id } });
      }
      busy.add(conn);
      setTimeout(() => {
        busy.delete(conn);
        if (goodbye) answer(conn, GOODBYE_USAGE, event.response.metadata);
        else answer(conn, usage());
      }, answerMs);
    },
  );
  const demo = bundledDemo();
  gw = await startTestGateway({
    upstream: openaiUpstream({ apiKey: 'sk-test', baseURL: service.baseURL, ca: service.ca }),
    sites: demo.sites.map((s) => ({ ...s, budget })),
    catalogs: demo.catalogs,
  });
}

async function conversation() {
  const client = await connectClient(`${gw!.wsUrl}?site=demo`);
  const conn = await service!.nextConnection();
  await conn.waitFor('session.update');
  await client.waitFor('session.updated');
  return { client, conn };
}

const logLines = (event: string) => gw!.logs.filter((l) => l.event === event).map((l) => l.fields);
const tokenRequest = () =>
  fetch(`${gw!.url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${TEST_SITE_SECRET}` }, body: JSON.stringify({ site: 'demo' }) });

describe('usage and budgets', () => {
  it('prices a conversation as a hand computation does, and refuses the next one with budget_exhausted', async () => {
    // A conversation may cost up to $0.03; $0.05 a day leaves room for one, and less than a whole one after it.
    await start({ dailyUsd: 0.05, conversationUsd: 0.03, wrapUpAt: 0.95 });
    expect((await tokenRequest()).status).toBe(200);
    const { client, conn } = await conversation();
    conn.send({ type: 'conversation.item.input_audio_transcription.completed', event_id: 'ev_tr', item_id: 'item_u1', content_index: 0, transcript: 'Is the tent big?', usage: TRANSCRIPTION_USAGE });
    askInText(client, 'How many does the Basecamp tent sleep?');
    const done = await client.waitFor('response.done');
    // The widget never sees usage priced, nor any price.
    expect(JSON.stringify(client.events())).not.toMatch(/usd|price_per|cost/i);
    expect(done.response.usage).toBeDefined();
    client.close();
    await eventually(() => logLines('session.close').length === 1, 'the session.close line');

    const conversationUsd = ANSWER_USD + TRANSCRIPTION_USD;
    expect(conversationUsd).toBeCloseTo(0.027875, 9);
    const close = logLines('session.close')[0]!;
    expect(close.usd).toBeCloseTo(conversationUsd, 6);
    // 250 output audio tokens at 20 a second.
    expect(close).toMatchObject({ tokens_in: 1120, tokens_out: 330, audio_out_s: 12.5, usage_unknown: 0 });
    expect(logLines('usage.response').map((l) => [l.lane, l.model, l.usd])).toEqual([
      ['transcription', 'gpt-4o-mini-transcribe', TRANSCRIPTION_USD],
      ['realtime', 'gpt-realtime', ANSWER_USD],
    ]);
    expect(logLines('budget.wrap_up')).toHaveLength(0);

    // $0.022125 is left of the day: less than one conversation's cap.
    const refusedToken = await tokenRequest();
    expect(refusedToken.status).toBe(503);
    expect(await refusedToken.json()).toMatchObject({ error: 'budget_exhausted' });
    expect(Number(refusedToken.headers.get('retry-after'))).toBeGreaterThan(0);
    const refusedSocket = await attemptUpgrade(`${gw!.wsUrl}?site=demo&token=${await testToken()}`);
    expect(refusedSocket).toEqual({ opened: false, status: 503, code: 'budget_exhausted' });
    expect(logLines('budget.level').at(-1)).toMatchObject({ site: 'demo', remaining_usd: 0.022125, level: 'ok', admits: false });
  });

  it('tells the model to wrap up near the conversation cap, and at it says goodbye and closes with 4402', async () => {
    await start({ dailyUsd: 10, conversationUsd: 0.05, wrapUpAt: 0.5 });
    const { client, conn } = await conversation();
    askInText(client, 'How many does the Basecamp tent sleep?');
    await client.waitFor('response.done');
    // $0.0274 of $0.05 is past half: one note for the model, as a system item the client never sees.
    const note = await eventually(() => conn.received.find((e) => e.type === 'conversation.item.create' && e.item?.role === 'system'), 'the wrap-up note');
    expect(note.item.content[0].text).toMatch(/close to its limit/);
    expect(logLines('budget.wrap_up')).toEqual([expect.objectContaining({ scope: 'conversation' })]);

    askInText(client, 'And is it waterproof?');
    const closed = await client.closed;
    expect(closed.code).toBe(4402);
    const goodbye = conn.received.find((e) => e.type === 'response.create' && e.response?.metadata?.gateway === 'goodbye');
    expect(goodbye?.response).toMatchObject({ conversation: 'none', tool_choice: 'none' });
    expect(client.events().some((e) => e.type === 'error' && e.error?.code === 'budget_exhausted')).toBe(true);
    // The goodbye's response.done reached the client before the close.
    expect(client.events().filter((e) => e.type === 'response.done')).toHaveLength(3);
    await eventually(() => logLines('session.close').length === 1, 'the session.close line');
    expect(logLines('session.close')[0]).toMatchObject({ code: 4402, by: 'gateway' });
    expect(logLines('session.close')[0]!.usd).toBeCloseTo(2 * ANSWER_USD + GOODBYE_USD, 6);
    expect(logLines('budget.exhausted')).toEqual([expect.objectContaining({ scope: 'conversation', site: 'demo' })]);
  });

  it('counts a missing, negative or absurd usage block as unknown, and the conversation goes on', async () => {
    const blocks: unknown[] = [undefined, { input_tokens: -4, output_tokens: 2 }, { input_tokens: 9e15, output_tokens: 1 }, 'many', ANSWER_USAGE];
    await start({ dailyUsd: 10, conversationUsd: 5, wrapUpAt: 0.9 }, () => blocks.shift());
    const { client } = await conversation();
    for (let i = 0; i < 5; i++) {
      askInText(client, `Question ${i}?`);
      await client.waitFor((e) => e.type === 'response.done' && client.events().filter((x) => x.type === 'response.done').length === i + 1);
    }
    client.close();
    await eventually(() => logLines('session.close').length === 1, 'the session.close line');
    expect(logLines('usage.unknown').map((l) => l.problem)).toEqual(['missing', 'negative', 'too_large', 'not_an_object']);
    expect(logLines('session.close')[0]).toMatchObject({ usage_unknown: 4, tokens_in: 1000 });
    expect(logLines('session.close')[0]!.usd).toBeCloseTo(ANSWER_USD, 6);
    expect(logLines('session.fault')).toEqual([]);
  });

  it('holds an address flooding four sessions to the caps plus one answer each (measured)', async () => {
    // The dearest answer the default limits allow: 800 output audio tokens and 4,500 input ones (instructions and context), none cached.
    const worst = { input_tokens: 4500, output_tokens: 800, input_token_details: { audio_tokens: 4500 }, output_token_details: { audio_tokens: 800 } };
    const worstUsd = (4500 * 32 + 800 * 64) / 1e6;
    await start({ dailyUsd: 1, conversationUsd: 0.5, wrapUpAt: 0.9 }, () => worst, 100);
    const clients = await Promise.all([0, 1, 2, 3].map(() => conversation()));
    // Each asks for the next answer as soon as one ends, or is refused, until it is closed.
    const flood = clients.map(async ({ client }) => {
      let open = true;
      void client.closed.then(() => (open = false));
      for (let asked = 0; open && asked < 40; asked++) {
        const before = client.events().filter((e) => e.type === 'response.done' || e.type === 'error').length;
        client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
        await eventually(() => !open || client.events().filter((e) => e.type === 'response.done' || e.type === 'error').length > before, 'an answer or a refusal', 10_000);
      }
      return (await client.closed).code;
    });
    expect(await Promise.all(flood)).toEqual([4402, 4402, 4402, 4402]);
    await eventually(() => logLines('session.close').length === 4, 'four session.close lines');
    const spent = logLines('session.close').map((l) => l.usd as number);
    const site = spent.reduce((a, b) => a + b, 0);
    const bound = 1 + 4 * (worstUsd + GOODBYE_USD);
    console.log(`flood: answer ${worstUsd} USD; conversations ${spent.join(', ')} USD; site ${site.toFixed(6)} USD of a 1 USD day (bound ${bound.toFixed(4)})`);
    expect(site).toBeLessThanOrEqual(bound + 1e-9);
    for (const usd of spent) expect(usd).toBeLessThanOrEqual(0.5 + worstUsd + GOODBYE_USD + 1e-9);
    // The day runs out while all four are open: those under their own cap are closed for the site's (which ones, timing decides).
    const scopes = logLines('budget.exhausted').map((l) => l.scope);
    expect(scopes).toHaveLength(4);
    expect(scopes).toContain('site');
    expect((await tokenRequest()).status).toBe(503);
  }, 60_000);
});
