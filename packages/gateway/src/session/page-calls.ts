/**
 * Tool calls the page runs: each is sent as gateway.tool_call and waits for
 * its gateway.tool_result, or for its time to pass. An answer is taken once,
 * for a call this session issued and is still waiting on; anything else is
 * refused, so a page cannot feed the model results it was never asked for.
 */
import type { ErrorCode } from '@contoso-voice/protocol';

export type PageAnswer = { ok: true; output: unknown } | { ok: false; reason: string };

export type AnswerRefusal = { code: ErrorCode; message: string };

interface Waiting {
  resolve(answer: PageAnswer): void;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When the page's time is up, while its clock runs. */
  deadline: number;
  /** Time left, while the clock is stopped (no socket attached). */
  left: number | null;
}

/** Calls answered or given up on that are still remembered, to tell "already answered" from "never issued". */
const REMEMBERED = 256;

export function pageCalls(maxResultBytes: number) {
  const waiting = new Map<string, Waiting>();
  const finished = new Set<string>();
  let paused = false;
  const timeUp = (callId: string) => settle(callId, { ok: false, reason: 'the page did not answer in time' });

  function settle(callId: string, answer: PageAnswer) {
    const w = waiting.get(callId);
    if (!w) return;
    clearTimeout(w.timer);
    waiting.delete(callId);
    finished.add(callId);
    if (finished.size > REMEMBERED) finished.delete(finished.values().next().value as string);
    w.resolve(answer);
  }

  return {
    /** Waits for the page's answer to `callId` (already sent), for at most `timeoutMs`. */
    wait(callId: string, timeoutMs: number): Promise<PageAnswer> {
      return new Promise((resolve) => {
        const w: Waiting = { resolve, timer: undefined, deadline: Date.now() + timeoutMs, left: paused ? timeoutMs : null };
        if (!paused) w.timer = setTimeout(() => timeUp(callId), timeoutMs);
        waiting.set(callId, w);
      });
    },
    /**
     * No page is attached (a navigation, a dropped network): the page's clock stops, so a call it has not
     * seen yet is not given up on while it cannot answer, and then run when the replay brings it.
     */
    pause() {
      paused = true;
      for (const w of waiting.values()) {
        clearTimeout(w.timer);
        w.left = Math.max(0, w.deadline - Date.now());
      }
    },
    /** A page is attached again: the clocks go on from where they stopped. */
    resume() {
      paused = false;
      for (const [id, w] of waiting) {
        if (w.left === null) continue;
        w.deadline = Date.now() + w.left;
        w.timer = setTimeout(() => timeUp(id), w.left);
        w.left = null;
      }
    },
    /** A gateway.tool_result from the page: null when taken, or why it is refused (nothing is forwarded then). */
    answer(callId: unknown, output: unknown, error: unknown, invalid?: string): AnswerRefusal | null {
      if (typeof callId !== 'string' || !waiting.has(callId)) {
        const known = typeof callId === 'string' && finished.has(callId);
        return {
          code: 'tool_call_unknown',
          message: known ? 'that tool call was already answered or timed out' : 'no tool call with that call_id is waiting for an answer in this session',
        };
      }
      if (invalid) {
        settle(callId, { ok: false, reason: 'the page returned an invalid result' });
        return { code: 'tool_result_invalid', message: invalid };
      }
      if (error !== undefined) {
        const reason = typeof error === 'string' && error.trim() ? error.trim().slice(0, 200) : 'the page reported an error';
        settle(callId, { ok: false, reason });
        return null;
      }
      if (output === undefined) {
        settle(callId, { ok: false, reason: 'the page returned nothing' });
        return { code: 'tool_result_invalid', message: 'a tool_result needs an output or an error' };
      }
      const json = JSON.stringify(output);
      const bytes = new TextEncoder().encode(json).byteLength;
      if (bytes > maxResultBytes) {
        settle(callId, { ok: false, reason: 'the page returned too much' });
        return { code: 'tool_result_too_large', message: `a tool result may be at most ${maxResultBytes} bytes of JSON; this was ${bytes}` };
      }
      settle(callId, { ok: true, output });
      return null;
    },
    /** The session ended: every waiting call gives up now rather than at its timeout. */
    clear() {
      for (const id of [...waiting.keys()]) settle(id, { ok: false, reason: 'the session ended' });
    },
  };
}

export type PageCalls = ReturnType<typeof pageCalls>;
