/**
 * Runs the model's function calls, whatever runs them: the gateway (catalog,
 * policies, a retailer's HTTP endpoint) or the page (shop actions, the
 * retailer's client tools). Calls are collected while a response streams;
 * when it is done, all run at once (each bounded in time), their outputs go
 * upstream, and exactly one response.create follows them, unless another
 * response began meanwhile (the shopper spoke or typed again): the service
 * allows one response at a time, and the newer question wins. A round still
 * running after a short delay gets one holding line, so the shopper does not
 * wait in silence.
 */
import type { ErrorCode, GatewayToolCallEvent, ProductCard, RealtimeClientEvent } from '@contoso-voice/protocol';
import { isClientTool, type AnyTool, type ClientTool, type Tool, type ToolContext } from '../tools/index.js';
import { validateArgs } from '../tools/json-schema.js';
import type { Logger } from '../log.js';
import type { PageCalls } from './page-calls.js';
import { holdingLine, type HoldingLine } from './holding-line.js';

export interface FunctionCall {
  call_id: string;
  name: string;
  arguments: string;
}

export interface ToolRunnerDeps {
  tools: AnyTool[];
  context: ToolContext;
  timeoutMs: number;
  /** Calls beyond this in one response are not run; the model gets an error output for each. */
  maxCallsPerResponse: number;
  /** Responses in a row that may call tools after one shopper turn; then one answer without tools, then none. */
  maxRoundsPerTurn: number;
  /** A round running longer than this gets one holding line. */
  holdingLineMs: number;
  /** Whether the session's response budget allows one more; false means it was refused and reported. */
  mayRespond(): boolean;
  log: Logger;
  sessionId: string;
  sendUpstream(event: RealtimeClientEvent): void;
  showProducts(responseId: string, products: ProductCard[]): void;
  reportError(code: ErrorCode, message: string): void;
  /** The page's side of client tools: the call goes out, the answer comes back through `calls`. */
  page: { send(event: GatewayToolCallEvent): void; calls: PageCalls };
  /** A server tool's output the site lets the page see. */
  showOutput(callId: string, name: string, output: unknown): void;
  /** The page did what a client tool asked (an add_to_cart the shopper may undo). */
  pageDid(name: string, callId: string, pageArgs: Record<string, unknown>): void;
}

interface CallOutcome {
  output: unknown;
  products: ProductCard[];
  /** The model should not speak after it (a `wait` tool that succeeded). */
  quiet?: boolean;
  error?: { code: ErrorCode; message: string };
}

class ToolTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ToolTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createToolRunner(deps: ToolRunnerDeps) {
  const byName = new Map(deps.tools.map((t) => [t.name, t]));
  const pending = new Map<string, FunctionCall[]>();
  let responsesBegun = 0;
  // Tool rounds since the shopper last spoke or typed: a model that calls a tool in every response must not loop on the retailer's key.
  let rounds = 0;
  // Counts model sessions: a round begun in one is not answered into the next.
  let epoch = 0;
  const holding: HoldingLine = holdingLine({ sendUpstream: deps.sendUpstream, log: deps.log, sessionId: deps.sessionId });

  const logCall = (call: FunctionCall, kind: string, started: number, fields: Record<string, unknown>) =>
    deps.log('tool.call', { session: deps.sessionId, site: deps.context.site.id, tool: call.name, kind, ms: Date.now() - started, ...fields });

  async function runServer(tool: Tool, call: FunctionCall, args: Record<string, unknown>): Promise<CallOutcome> {
    const started = Date.now();
    try {
      const result = await withTimeout(Promise.resolve().then(() => tool.run(args, deps.context)), tool.timeoutMs ?? deps.timeoutMs);
      logCall(call, 'server', started, { ok: true });
      if (tool.showResult) deps.showOutput(call.call_id, call.name, result.output);
      return { output: result.output, products: result.products ?? [], quiet: tool.after === 'wait' };
    } catch (err) {
      const timedOut = err instanceof ToolTimeout;
      logCall(call, 'server', started, { ok: false, timeout: timedOut });
      return timedOut
        ? { output: { error: 'the tool timed out' }, products: [], error: { code: 'tool_timeout', message: 'Looking that up took too long.' } }
        : { output: { error: 'the tool failed' }, products: [], error: { code: 'tool_failed', message: 'Looking that up failed.' } };
    }
  }

  async function runOnPage(tool: ClientTool, call: FunctionCall, args: Record<string, unknown>): Promise<CallOutcome> {
    const started = Date.now();
    let prepared;
    try {
      prepared = tool.prepare ? await withTimeout(Promise.resolve(tool.prepare(args, deps.context)), deps.timeoutMs) : { ok: true as const, args };
    } catch {
      logCall(call, 'client', started, { ok: false, stage: 'prepare' });
      return { output: { error: 'the tool failed' }, products: [], error: { code: 'tool_failed', message: 'That did not work.' } };
    }
    // Answered here (sold out, which size?): the page never hears of it.
    if (!prepared.ok) {
      logCall(call, 'client', started, { ok: true, answered: 'gateway' });
      return { output: prepared.output, products: [] };
    }
    const answer = deps.page.calls.wait(call.call_id, tool.timeoutMs);
    deps.page.send({ type: 'gateway.tool_call', call_id: call.call_id, name: call.name, arguments: prepared.args, timeout_ms: tool.timeoutMs });
    const result = await answer;
    logCall(call, 'client', started, result.ok ? { ok: true } : { ok: false, reason: result.reason });
    if (!result.ok) {
      const output = tool.failed ? tool.failed(result.reason, prepared.args) : { error: `the page could not do it: ${result.reason}` };
      const timedOut = result.reason === 'the page did not answer in time';
      return { output, products: [], ...(timedOut ? { error: { code: 'tool_timeout' as const, message: 'The page did not answer in time.' } } : {}) };
    }
    deps.pageDid(call.name, call.call_id, prepared.args);
    const output = tool.present ? tool.present(result.output, prepared.args) : { result: result.output };
    return { output, products: [], quiet: tool.after === 'wait' };
  }

  /** Never rejects: a fault in a tool, its schema or its presentation is one error output, and the round goes on. */
  async function runOne(call: FunctionCall): Promise<CallOutcome> {
    try {
      return await runChecked(call);
    } catch (err) {
      deps.log('session.fault', { session: deps.sessionId, code: 'internal_error', where: 'tool', tool: call.name, error: err instanceof Error ? err.name : 'unknown' });
      return { output: { error: 'the tool failed' }, products: [], error: { code: 'tool_failed', message: 'That did not work.' } };
    }
  }

  async function runChecked(call: FunctionCall): Promise<CallOutcome> {
    const tool = byName.get(call.name);
    if (!tool) {
      // The model's invented name is the operator's clue; metrics count it as one "unknown" tool whatever it is.
      deps.log('tool.refused', { session: deps.sessionId, site: deps.context.site.id, code: 'unknown_tool', tool: call.name.slice(0, 64) });
      return { output: { error: `there is no tool named "${call.name}"` }, products: [] };
    }
    const args = validateArgs(tool.parameters, call.arguments);
    if (!args.ok) {
      deps.log('tool.refused', { session: deps.sessionId, tool: call.name, error: args.error.slice(0, 200) });
      return { output: { error: `invalid arguments: ${args.error}` }, products: [] };
    }
    return isClientTool(tool) ? runOnPage(tool, call, args.value) : runServer(tool, call, args.value);
  }

  return {
    /** A function call item finished streaming in this response. */
    add(responseId: string, call: FunctionCall) {
      const list = pending.get(responseId) ?? [];
      // A call_id given twice would wait on one answer for two calls: the second is dropped, and logged.
      if (list.some((c) => c.call_id === call.call_id)) return deps.log('tool.duplicate_call', { session: deps.sessionId, tool: call.name });
      list.push(call);
      pending.set(responseId, list);
    },
    /** A response was asked for by the client or began at the service. */
    responseBegun() {
      responsesBegun++;
    },
    /** The shopper said or typed something: a new turn, with its own tool rounds and holding line. */
    userTurn() {
      rounds = 0;
      holding.newTurn();
    },
    holding,
    /** The response is over: run its calls, then ask for the answer. */
    async finish(responseId: string, status: string | undefined, modalities?: string[]) {
      const begunBefore = responsesBegun;
      const epochBefore = epoch;
      const calls = pending.get(responseId);
      pending.delete(responseId);
      // A cancelled or failed response was interrupted; answering its calls would talk over the shopper.
      if (!calls?.length || (status !== undefined && status !== 'completed')) return;
      const allowed = calls.slice(0, deps.maxCallsPerResponse);
      // A round of tools the model is not to speak after gets no holding line either: "one moment", then silence, would be odd.
      const quietRound = allowed.every((c) => byName.get(c.name)?.after === 'wait');
      const holdTimer = setTimeout(() => responsesBegun === begunBefore && !quietRound && holding.say(modalities), deps.holdingLineMs);
      const outcomes = await Promise.all(allowed.map(runOne)).finally(() => clearTimeout(holdTimer));
      if (calls.length > allowed.length) {
        deps.log('tool.limit', { session: deps.sessionId, calls: calls.length, limit: deps.maxCallsPerResponse });
        const refused: CallOutcome = { output: { error: `at most ${deps.maxCallsPerResponse} tool calls per response` }, products: [] };
        outcomes.push(...calls.slice(allowed.length).map(() => refused));
        deps.reportError('tool_call_limit', 'The assistant tried to look up too much at once.');
      }
      // The model session was replaced meanwhile: the new one has never seen these calls, so their outputs would only be refused.
      if (epoch !== epochBefore) return deps.log('tool.round_dropped', { session: deps.sessionId, calls: calls.length, reason: 'model_session_replaced' });
      const products: ProductCard[] = [];
      outcomes.forEach((outcome, i) => {
        deps.sendUpstream({
          type: 'conversation.item.create',
          item: { type: 'function_call_output', call_id: calls[i]!.call_id, output: JSON.stringify(outcome.output) },
        });
        products.push(...outcome.products);
        if (outcome.error) deps.reportError(outcome.error.code, outcome.error.message);
      });
      if (products.length) deps.showProducts(responseId, products);
      // The holding line is a response too: the answer waits for it to end, as the service takes one at a time.
      await holding.finished();
      if (responsesBegun !== begunBefore) {
        deps.log('tool.answer_superseded', { session: deps.sessionId, calls: calls.length });
        return;
      }
      if (outcomes.every((o) => o.quiet)) return;
      rounds++;
      if (rounds > deps.maxRoundsPerTurn + 1) {
        // It was told to answer without tools and called one anyway: the outputs are in, and nothing more is asked.
        deps.log('tool.round_limit', { session: deps.sessionId, code: 'tool_round_limit', rounds });
        return;
      }
      if (!deps.mayRespond()) return;
      // The answer keeps the modality the shopper asked for: a typed question gets a typed answer.
      const response: Record<string, unknown> = modalities ? { output_modalities: modalities } : {};
      if (rounds > deps.maxRoundsPerTurn) {
        deps.log('tool.round_limit', { session: deps.sessionId, code: 'tool_round_limit', rounds });
        response.tool_choice = 'none';
      }
      deps.sendUpstream((Object.keys(response).length ? { type: 'response.create', response } : { type: 'response.create' }) as RealtimeClientEvent);
    },
    /** A new model session took over (a re-seed): calls of the old one are not answered into it. */
    reseeded() {
      epoch++;
      pending.clear();
    },
    clear() {
      pending.clear();
      deps.page.calls.clear();
      holding.clear();
    },
  };
}

export type ToolRunner = ReturnType<typeof createToolRunner>;
