/**
 * Runs the model's function calls on the server. Calls are collected while a
 * response streams; when it is done, all run (each under a timeout), their
 * outputs go upstream, and exactly one response.create follows them, unless
 * another response began meanwhile (the shopper spoke or typed again): the
 * service allows one response at a time, and the newer question wins.
 */
import type { ErrorCode, ProductCard, RealtimeClientEvent } from '@contoso-voice/protocol';
import type { Tool, ToolContext } from '../tools/index.js';
import { validateArgs } from '../tools/json-schema.js';
import type { Logger } from '../log.js';

export interface FunctionCall {
  call_id: string;
  name: string;
  arguments: string;
}

export interface ToolRunnerDeps {
  tools: Tool[];
  context: ToolContext;
  timeoutMs: number;
  /** Calls beyond this in one response are not run; the model gets an error output for each. */
  maxCallsPerResponse: number;
  /** Responses in a row that may call tools after one shopper turn; then one answer without tools, then none. */
  maxRoundsPerTurn: number;
  /** Whether the session's response budget allows one more; false means it was refused and reported. */
  mayRespond(): boolean;
  log: Logger;
  sessionId: string;
  sendUpstream(event: RealtimeClientEvent): void;
  showProducts(responseId: string, products: ProductCard[]): void;
  reportError(code: ErrorCode, message: string): void;
}

interface CallOutcome {
  output: unknown;
  products: ProductCard[];
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

  async function runOne(call: FunctionCall): Promise<CallOutcome> {
    const tool = byName.get(call.name);
    if (!tool) return { output: { error: `there is no tool named "${call.name}"` }, products: [] };
    const args = validateArgs(tool.parameters, call.arguments);
    if (!args.ok) return { output: { error: `invalid arguments: ${args.error}` }, products: [] };
    const started = Date.now();
    try {
      const result = await withTimeout(Promise.resolve().then(() => tool.run(args.value, deps.context)), deps.timeoutMs);
      deps.log('tool.call', { session: deps.sessionId, tool: call.name, ms: Date.now() - started, ok: true });
      return { output: result.output, products: result.products ?? [] };
    } catch (err) {
      const timedOut = err instanceof ToolTimeout;
      deps.log('tool.call', { session: deps.sessionId, tool: call.name, ms: Date.now() - started, ok: false, timeout: timedOut });
      return timedOut
        ? { output: { error: 'the tool timed out' }, products: [], error: { code: 'tool_timeout', message: 'Looking that up took too long.' } }
        : { output: { error: 'the tool failed' }, products: [], error: { code: 'tool_failed', message: 'Looking that up failed.' } };
    }
  }

  return {
    /** A function call item finished streaming in this response. */
    add(responseId: string, call: FunctionCall) {
      const list = pending.get(responseId) ?? [];
      list.push(call);
      pending.set(responseId, list);
    },
    /** A response was asked for by the client or began at the service. */
    responseBegun() {
      responsesBegun++;
    },
    /** The shopper said or typed something: a new turn, with its own tool rounds. */
    userTurn() {
      rounds = 0;
    },
    /** The response is over: run its calls, then ask for the answer. */
    async finish(responseId: string, status: string | undefined, modalities?: string[]) {
      const begunBefore = responsesBegun;
      const calls = pending.get(responseId);
      pending.delete(responseId);
      // A cancelled or failed response was interrupted; answering its calls would talk over the shopper.
      if (!calls?.length || (status !== undefined && status !== 'completed')) return;
      const allowed = calls.slice(0, deps.maxCallsPerResponse);
      const outcomes = await Promise.all(allowed.map(runOne));
      if (calls.length > allowed.length) {
        deps.log('tool.limit', { session: deps.sessionId, calls: calls.length, limit: deps.maxCallsPerResponse });
        const refused: CallOutcome = { output: { error: `at most ${deps.maxCallsPerResponse} tool calls per response` }, products: [] };
        outcomes.push(...calls.slice(allowed.length).map(() => refused));
        deps.reportError('tool_call_limit', 'The assistant tried to look up too much at once.');
      }
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
      if (responsesBegun !== begunBefore) {
        deps.log('tool.answer_superseded', { session: deps.sessionId, calls: calls.length });
        return;
      }
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
    clear() {
      pending.clear();
    },
  };
}

export type ToolRunner = ReturnType<typeof createToolRunner>;
