/**
 * Keeps the local engines by gateway session id, so a test can ask what an
 * engine was told (instructions, tools, conversation items) from outside the
 * process, as it must for the Worker. The last few closed sessions keep
 * their final state, so a test can check what reached the engine before a
 * close. Off unless a runtime opts in: the instructions are the retailer's
 * and are otherwise never shown.
 */
import { localUpstream, type LocalUpstreamOptions } from './index.js';
import type { LocalEngine } from './engine.js';
import type { Upstream } from '../types.js';

type EngineState = ReturnType<LocalEngine['inspect']>;
const KEEP_CLOSED = 64;

export interface InspectableLocalUpstream {
  upstream: Upstream;
  inspect(sessionId: string): (EngineState & { open: boolean }) | undefined;
  /** Engines open now; a test checks it falls back to zero. */
  openEngines(): number;
}

export function inspectableLocalUpstream(options: LocalUpstreamOptions = {}): InspectableLocalUpstream {
  const engines = new Map<string, LocalEngine>();
  const closed = new Map<string, EngineState>();
  const upstream = localUpstream({
    ...options,
    onEngine(engine, sessionId) {
      engines.set(sessionId, engine);
      options.onEngine?.(engine, sessionId);
    },
    onEngineClosed(sessionId) {
      const engine = engines.get(sessionId);
      if (engine) {
        closed.set(sessionId, engine.inspect());
        if (closed.size > KEEP_CLOSED) closed.delete(closed.keys().next().value!);
      }
      engines.delete(sessionId);
      options.onEngineClosed?.(sessionId);
    },
  });
  return {
    upstream,
    inspect(id) {
      const engine = engines.get(id);
      if (engine) return { ...engine.inspect(), open: true };
      const last = closed.get(id);
      return last && { ...last, open: false };
    },
    openEngines: () => engines.size,
  };
}
