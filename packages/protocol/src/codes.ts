/**
 * Stable codes the gateway puts on the wire. Clients switch on these, so a code
 * is never renamed or reused; new ones are only added.
 */

/** `code` of a `gateway.error` event. */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_event',
  'unknown_event',
  'event_not_allowed',
  'field_not_allowed',
  'text_too_long',
  'audio_frame_invalid',
  'unknown_item',
  'context_too_large',
  'upstream_unavailable',
  'upstream_error',
  'upstream_closed',
  'tool_failed',
  'tool_timeout',
  'internal_error',
  'rate_limited',
  'audio_rate_limited',
  'tool_call_limit',
  'idle_timeout',
  'session_time_limit',
  'client_too_slow',
  'resume_invalid',
  'resume_expired',
  'resume_replayed',
  'resume_mismatch',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** WebSocket close codes the gateway uses, standard ones first. */
export const CLOSE_CODES = {
  normal: 1000,
  goingAway: 1001,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  /** No audio or text from the client for the idle timeout. */
  idleTimeout: 4408,
  /** The session reached its maximum length. */
  sessionTimeLimit: 4410,
  /** Another socket resumed this session; this one is superseded. */
  resumedElsewhere: 4409,
  /** The client stopped reading and its unsent data passed the bound. */
  clientTooSlow: 4413,
  /** The client sent messages faster than the rate limit. */
  rateLimited: 4429,
  /** The upstream model service could not be reached or went away for good. */
  upstreamUnavailable: 4502,
} as const;
export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];
