/**
 * How much model work one session may ask for, whatever it sends: responses
 * a minute, whoever started them (a create/cancel pair bills the context as
 * an answer does, and the service starts one at every pause in speech), and
 * characters of text and page context a minute (each is billed again with
 * every later response, as history). A refusal has a code, and nothing
 * reaches the model.
 */
import type { ErrorCode } from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import { perMinuteMeter } from '../security/session-meters.js';

export interface BudgetRefusal {
  code: ErrorCode;
  message: string;
}

export function modelBudget(limits: GatewayLimits, refuse: (r: BudgetRefusal) => void) {
  const responses = perMinuteMeter(limits.responsesPerMinute);
  const chars = perMinuteMeter(limits.textCharsPerMinute);
  // Responses the gateway asked for that the service has not begun yet: counted when asked, not again when begun.
  let asked = 0;
  let audioRefusedAt = 0;
  const refuseResponse = () =>
    refuse({ code: 'response_rate_limited', message: `At most ${limits.responsesPerMinute} answers a minute; please wait a moment.` });

  return {
    /** One more response asked for (by the client or the tool runner); false, and refused, when the minute's allowance is spent. */
    response(): boolean {
      if (!responses.add(1)) {
        refuseResponse();
        return false;
      }
      asked++;
      return true;
    },
    /** A response began at the service; one it started by itself (from speech) counts too. */
    responseBegun() {
      if (asked > 0) asked--;
      else responses.add(1, undefined, true);
    },
    /**
     * Microphone audio may go to the model: not while the responses are spent,
     * since the service answers every pause in speech by itself. Refused once a second.
     */
    audio(): boolean {
      if (responses.fits(1)) return true;
      const now = Date.now();
      if (now - audioRefusedAt > 1000) {
        audioRefusedAt = now;
        refuseResponse();
      }
      return false;
    },
    /** `n` more characters for the model; false (and refused) when over the minute's allowance. */
    text(n: number): boolean {
      if (chars.add(n)) return true;
      refuse({ code: 'text_rate_limited', message: `At most ${limits.textCharsPerMinute} characters of text a minute; please wait a moment.` });
      return false;
    },
  };
}

export type ModelBudget = ReturnType<typeof modelBudget>;
