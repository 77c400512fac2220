/**
 * How the gateway tells a client something went wrong: the service's own
 * `error` event, which every Realtime SDK listens for, with our stable code,
 * then the same as `gateway.error` for clients written before it existed.
 */
import { errorTypeOf, type ErrorCode } from '@contoso-voice/protocol';

export interface ErrorDetail {
  /** The client event this is about. */
  event_id?: string;
  param?: string;
}

export function errorEvents(sessionTag: string) {
  let n = 0;
  return (code: ErrorCode, message: string, extra: ErrorDetail = {}) => [
    {
      type: 'error',
      event_id: `gwerr_${sessionTag}_${++n}`,
      error: { type: errorTypeOf(code), code, message, param: extra.param ?? null, event_id: extra.event_id ?? null },
    },
    { type: 'gateway.error', code, message, ...extra },
  ];
}
