/**
 * The "one moment" a shopper hears while a slow tool runs: an out-of-band
 * response (conversation "none", so it is not part of what the model later
 * reads), at most once per shopper turn. Its events are told apart by their
 * metadata, and the real answer waits for it to end.
 */
import type { RealtimeClientEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';

export const HOLDING_METADATA = { gateway: 'holding' } as const;

/** How long the answer waits for a holding line that never reports its end (the service dropped it). */
const MAX_HOLD_MS = 6000;

const INSTRUCTIONS =
  'Say one short, friendly sentence, in the language the shopper is using, that you are checking or doing what they asked. ' +
  'Do not guess the result, do not name products or prices, and do not ask a question.';

/** The event_id of its response.create, so an error the service sends about it is known for what it is. */
export const HOLDING_EVENT_PREFIX = 'gwhold_';

export const isHoldingResponse = (response: { metadata?: unknown } | undefined): boolean =>
  !!response && typeof response.metadata === 'object' && response.metadata !== null && (response.metadata as { gateway?: unknown }).gateway === HOLDING_METADATA.gateway;

export function holdingLine(d: { sendUpstream(event: RealtimeClientEvent): void; log: Logger; sessionId: string }) {
  let saidThisTurn = false;
  let ended: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let count = 0;

  const end = () => {
    ended?.();
    ended = null;
    running = null;
  };

  return {
    newTurn() {
      saidThisTurn = false;
    },
    /** Says the line, unless it was said this turn already. */
    say(modalities?: string[]) {
      if (saidThisTurn || running) return;
      saidThisTurn = true;
      let timer: ReturnType<typeof setTimeout>;
      running = new Promise<void>((resolve) => {
        ended = () => {
          clearTimeout(timer);
          resolve();
        };
        timer = setTimeout(end, MAX_HOLD_MS);
      });
      d.log('tool.holding_line', { session: d.sessionId });
      d.sendUpstream({
        type: 'response.create',
        event_id: `${HOLDING_EVENT_PREFIX}${++count}`,
        response: {
          conversation: 'none',
          metadata: { ...HOLDING_METADATA },
          instructions: INSTRUCTIONS,
          tool_choice: 'none',
          max_output_tokens: 60,
          ...(modalities ? { output_modalities: modalities } : {}),
        },
      } as RealtimeClientEvent);
    },
    /** The holding response ended at the service (done, cancelled, or refused). */
    done: end,
    /** Resolves when no holding line is playing at the service. */
    finished: (): Promise<void> => running ?? Promise.resolve(),
    clear: end,
  };
}

export type HoldingLine = ReturnType<typeof holdingLine>;
