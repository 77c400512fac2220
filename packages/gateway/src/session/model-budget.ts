/**
 * How much model work one session may ask for, whatever it sends: responses
 * a minute (a create/cancel pair costs as much as an answer) and characters
 * of text and page context a minute (each is billed again with every later
 * response, as history). A refusal has a code, and nothing reaches the model.
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
  return {
    /** One more response; false (and refused) when the minute's allowance is spent. */
    response(): boolean {
      if (responses.add(1)) return true;
      refuse({ code: 'response_rate_limited', message: `At most ${limits.responsesPerMinute} answers a minute; please wait a moment.` });
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
