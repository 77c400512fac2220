/**
 * npm run bench:text-lane — one scripted 10-turn typed conversation, run on
 * the realtime model only and on the text lane, side by side: tokens and
 * cost per lane (the gateway's default price table: gpt-realtime against
 * gpt-4.1-mini) and time to first token. Twice: with the local engine as
 * both models, and at a service's pace (the text lane through the real
 * `openai` client to a stand-in Responses service over HTTP, the realtime
 * lane held back by a first-token delay).
 *
 * Both lanes make the same decisions (the local engine's) and count tokens
 * the same way, so the costs compare like for like. "With prompt" adds the
 * instructions and tool schemas, which both services bill again on every
 * response, as uncached input.
 *
 *   REALTIME_FIRST_MS=700 TEXT_FIRST_MS=450 CHUNK_MS=15 npm run bench:text-lane
 */
import { startTestGateway, type TestGateway } from '../packages/gateway/test/helpers/gateway.js';
import { askInText, connectClient, type TestClient } from '../packages/gateway/test/helpers/socket-client.js';
import { eventually } from '../packages/gateway/test/helpers/eventually.js';
import { startTextService, type TextReply, type TextRequest } from '../packages/gateway/test/helpers/text-service.js';
import { bundledDemo } from '../packages/gateway/src/sites/demo-site.js';
import { localUpstream } from '../packages/gateway/src/upstream/local/index.js';
import { localTextModel } from '../packages/gateway/src/upstream/local/text-model.js';
import { textModelsFromEnv } from '../packages/gateway/src/text-lane/text-models.js';
import type { TextItem } from '../packages/gateway/src/text-lane/text-model.js';
import type { SiteTextModel } from '../packages/gateway/src/text-lane/site-text-model.js';
import type { Upstream } from '../packages/gateway/src/upstream/types.js';
import { usageMeter } from '../packages/gateway/src/usage/usage-meter.js';
import { priceTable } from '../packages/gateway/src/usage/price-table.js';

const REALTIME_MODEL = 'gpt-realtime';
const TEXT_MODEL = 'gpt-4.1-mini';
// The fixtures in test/fixtures/realtime carry no frame timing, so the pace is a setting: typical first-token times of the two services.
const REALTIME_FIRST_MS = Number(process.env.REALTIME_FIRST_MS ?? 700);
const TEXT_FIRST_MS = Number(process.env.TEXT_FIRST_MS ?? 450);
const CHUNK_MS = Number(process.env.CHUNK_MS ?? 15);

const TURNS = [
  'Hi!',
  'Do you have a tent for four people?',
  'Which of those is the lightest?',
  'What is your return policy?',
  'Do you have waterproof hiking boots?',
  'I need a sleeping bag for winter camping',
  'How much is shipping?',
  'Do you sell headlamps?',
  'Any backpacks under 100 dollars?',
  'Thanks, that is all!',
];

type Usage = { input_tokens: number; output_tokens: number; input_token_details?: { text_tokens?: number; cached_tokens?: number } };
interface TurnResult {
  ttftMs: number;
  usages: { usage: Usage; lane: 'text' | 'realtime' }[];
}

/** The realtime lane at a service's pace: everything after a response.create waits out the first-token time. */
function pacedUpstream(inner: Upstream, firstMs: number): Upstream {
  return {
    kind: inner.kind,
    async connect(handlers, sessionId) {
      let gateUntil = 0;
      const held: (() => void)[] = [];
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        timer = null;
        for (const deliver of held.splice(0)) deliver();
      };
      const deliver = (fn: () => void) => {
        const wait = gateUntil - Date.now();
        if (wait <= 0 && !held.length) return fn();
        held.push(fn);
        timer ??= setTimeout(flush, Math.max(0, wait));
      };
      const conn = await inner.connect(
        { onEvent: (e) => deliver(() => handlers.onEvent(e)), onAudio: (m, p) => deliver(() => handlers.onAudio(m, p)), onClose: (i) => handlers.onClose(i) },
        sessionId,
      );
      return {
        send(e) {
          if (e.type === 'response.create') gateUntil = Date.now() + firstMs;
          conn.send(e);
        },
        appendAudio: (pcm) => conn.appendAudio(pcm),
        close: () => (timer && clearTimeout(timer), conn.close()),
      };
    },
  };
}

/** A stand-in Responses service that answers as the local engine would, so both lanes still decide alike. */
async function localBackedService() {
  const engine = localTextModel(TEXT_MODEL, { tickMs: 0 });
  let prompt = '';
  const service = await startTextService(async (r: TextRequest): Promise<TextReply> => {
    const b = r.body;
    prompt ||= `${b.instructions ?? ''}${JSON.stringify(b.tools ?? [])}`;
    const input: TextItem[] = (b.input as Record<string, string>[]).map((i) =>
      i.type === 'function_call'
        ? { type: 'function_call', call_id: i.call_id!, name: i.name!, arguments: i.arguments! }
        : i.type === 'function_call_output'
          ? { type: 'function_call_output', call_id: i.call_id!, output: i.output! }
          : { type: 'message', role: i.role as 'user', text: i.content! },
    );
    const reply: TextReply = { text: '', calls: [], firstMs: TEXT_FIRST_MS, chunkMs: CHUNK_MS, chunkChars: 14 };
    for await (const e of engine.stream({ model: TEXT_MODEL, instructions: b.instructions, tools: b.tools ?? [], input, toolChoice: b.tool_choice ?? 'auto' }, new AbortController().signal)) {
      if (e.type === 'text') reply.text += e.delta;
      else if (e.type === 'call') reply.calls!.push({ name: e.name, arguments: e.arguments });
      else {
        const u = e.usage as { input_tokens: number; output_tokens: number };
        reply.usage = { input: u.input_tokens, output: u.output_tokens };
      }
    }
    return reply;
  });
  return { service, prompt: () => prompt };
}

async function converse(client: TestClient): Promise<TurnResult[]> {
  const results: TurnResult[] = [];
  for (const text of TURNS) {
    const from = client.events().length;
    const t0 = performance.now();
    let first = 0;
    const onFirst = (data: Buffer) => {
      if (!first && data.toString().includes('"response.output_text.delta"')) first = performance.now();
    };
    client.ws.on('message', onFirst);
    askInText(client, text);
    // The turn's answer: the response.done with a message, after any tool rounds.
    await eventually(() => client.events().slice(from).find((e) => e.type === 'response.done' && e.response.output.some((o: { type: string }) => o.type === 'message')), `an answer to "${text}"`, 20_000);
    client.ws.off('message', onFirst);
    const done = client.events().slice(from).filter((e) => e.type === 'response.done');
    results.push({ ttftMs: first - t0, usages: done.map((d) => ({ usage: d.response.usage, lane: d.response.metadata?.lane === 'text' ? 'text' : 'realtime' })) });
  }
  return results;
}

function summarise(label: string, turns: TurnResult[], promptTokens: number) {
  const plain = usageMeter(priceTable());
  const withPrompt = usageMeter(priceTable());
  let inTokens = 0;
  let outTokens = 0;
  let responses = 0;
  const lanes = new Set<string>();
  for (const { usage, lane } of turns.flatMap((t) => t.usages)) {
    const model = lane === 'text' ? TEXT_MODEL : REALTIME_MODEL;
    lanes.add(lane);
    responses++;
    inTokens += usage.input_tokens;
    outTokens += usage.output_tokens;
    plain.record(model, usage);
    const text = (usage.input_token_details?.text_tokens ?? usage.input_tokens) + promptTokens;
    withPrompt.record(model, { ...usage, input_tokens: usage.input_tokens + promptTokens, total_tokens: usage.input_tokens + promptTokens + usage.output_tokens, input_token_details: { ...usage.input_token_details, text_tokens: text } });
  }
  const ttft = turns.map((t) => t.ttftMs).sort((a, b) => a - b);
  return {
    label,
    lanes: [...lanes].join('+'),
    responses,
    inTokens,
    outTokens,
    usd: plain.totals().usd,
    usdWithPrompt: withPrompt.totals().usd,
    ttftP50: ttft[Math.floor(ttft.length / 2)]!,
    ttftMax: ttft.at(-1)!,
  };
}

async function run(label: string, gwOptions: Parameters<typeof startTestGateway>[0]): Promise<TurnResult[]> {
  const gw: TestGateway = await startTestGateway({ ...gwOptions, log: () => {} });
  try {
    const client = await connectClient(`${gw.wsUrl}?site=demo`);
    await client.waitFor('gateway.session');
    const turns = await converse(client);
    client.close();
    return turns;
  } catch (err) {
    throw new Error(`${label}: ${(err as Error).message}`);
  } finally {
    await gw.close();
  }
}

const demo = bundledDemo();
const withTextModel = (model: SiteTextModel) => demo.sites.map((s) => ({ ...s, textModel: model }));
const textLane: SiteTextModel = { provider: 'local', model: TEXT_MODEL, deployment: TEXT_MODEL, api: 'responses', fallback: false, quietMs: 10_000 };

const { service, prompt } = await localBackedService();
const rows = [];
try {
  rows.push(summarise('realtime only, local engine', await run('realtime/local', { ...demo, upstream: localUpstream() }), 0));
  rows.push(summarise('text lane, local engine', await run('text/local', { ...demo, sites: withTextModel(textLane), upstream: localUpstream() }), 0));
  const paced = pacedUpstream(localUpstream({ tickMs: CHUNK_MS }), REALTIME_FIRST_MS);
  const realtimePaced = await run('realtime/paced', { ...demo, upstream: paced });
  const textPaced = await run('text/paced', {
    ...demo,
    sites: withTextModel({ ...textLane, provider: 'openai' }),
    upstream: paced,
    textModels: textModelsFromEnv({ OPENAI_API_KEY: 'sk-bench', OPENAI_BASE_URL: service.baseURL }),
  });
  // The prompt both services bill on every response, measured from what the gateway sent the text service.
  const promptTokens = Math.ceil(prompt().length / 4);
  rows.push(summarise('realtime only, service pace', realtimePaced, promptTokens));
  rows.push(summarise('text lane, service pace', textPaced, promptTokens));
  console.log(`Scripted typed conversation: ${TURNS.length} turns; prices: ${REALTIME_MODEL} vs ${TEXT_MODEL} (default price table).`);
  console.log(`Service pace: realtime first token ${REALTIME_FIRST_MS} ms, text first token ${TEXT_FIRST_MS} ms, ${CHUNK_MS} ms between chunks; prompt (instructions + tools) ${promptTokens} tokens per response.\n`);
  console.table(
    rows.map((r) => ({
      run: r.label,
      'answered by': r.lanes,
      responses: r.responses,
      'tokens in': r.inTokens,
      'tokens out': r.outTokens,
      'cost USD': r.usd.toFixed(6),
      'cost USD with prompt': r.label.includes('local') ? '' : r.usdWithPrompt.toFixed(6),
      'TTFT p50 ms': Math.round(r.ttftP50),
      'TTFT max ms': Math.round(r.ttftMax),
    })),
  );
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(3) : 'n/a');
  console.log(`text lane / realtime only, cost: local engine ${ratio(rows[1]!.usd, rows[0]!.usd)}; service pace ${ratio(rows[3]!.usd, rows[2]!.usd)}, with prompt ${ratio(rows[3]!.usdWithPrompt, rows[2]!.usdWithPrompt)} (target at most 0.2)`);
} finally {
  await service.close();
}
