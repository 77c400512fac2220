/**
 * The local upstream: the engine in-process, with events delivered on a
 * later microtask, in order, as they would arrive from a socket.
 */
import type { Upstream } from '../types.js';
import { createLocalEngine, type LocalEngine } from './engine.js';

export { createLocalEngine, type LocalEngine } from './engine.js';

export interface LocalUpstreamOptions {
  maxSessionMs?: number;
  /** Milliseconds between streamed chunks of a response; a test slows it to hold a response open. */
  tickMs?: number;
  /** Sees each engine as it is made, so tests can inspect what it was told. */
  onEngine?(engine: LocalEngine, sessionId: string): void;
  /** The engine for that session is closed and should be forgotten. */
  onEngineClosed?(sessionId: string): void;
}

export function localUpstream(options: LocalUpstreamOptions = {}): Upstream {
  return {
    kind: 'local',
    async connect(handlers, sessionId) {
      const queue: (() => void)[] = [];
      let scheduled = false;
      let open = true;
      const flush = () => {
        scheduled = false;
        for (const deliver of queue.splice(0)) if (open) deliver();
      };
      const later = (deliver: () => void) => {
        queue.push(deliver);
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(flush);
        }
      };
      const engine = createLocalEngine({
        emit: (event) => later(() => handlers.onEvent(event as never)),
        emitAudio: (meta, pcm) => later(() => handlers.onAudio(meta, pcm)),
        maxSessionMs: options.maxSessionMs,
        tickMs: options.tickMs,
        onExpire: () =>
          later(() => {
            open = false;
            engine.close();
            options.onEngineClosed?.(sessionId);
            handlers.onClose({ code: 1000, reason: 'session expired' });
          }),
      });
      options.onEngine?.(engine, sessionId);
      return {
        send: (event) => engine.handle(event as never),
        appendAudio: (pcm) => engine.appendAudio(pcm),
        close: () => {
          open = false;
          engine.close();
          options.onEngineClosed?.(sessionId);
        },
      };
    },
  };
}
