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
  'resume_limit',
  'response_rate_limited',
  'text_rate_limited',
  'tool_call_unknown',
  'tool_result_invalid',
  'tool_result_too_large',
  'response_timeout',
  'budget_exhausted',
  // The service's own codes, passed through under their names (with a message of ours).
  'response_cancel_not_active',
  'input_audio_buffer_commit_empty',
  'conversation_already_has_active_response',
  'item_truncate_invalid_item_id',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The service's error codes a client may act on; they reach it under their own names. */
export const SERVICE_ERROR_CODES = ['response_cancel_not_active', 'input_audio_buffer_commit_empty', 'conversation_already_has_active_response', 'item_truncate_invalid_item_id'] as const;

/** `error.type` of the standard `error` event, by code: what an SDK's handler switches on. */
export function errorTypeOf(code: ErrorCode): 'invalid_request_error' | 'server_error' | 'rate_limit_error' {
  if (code === 'upstream_unavailable' || code === 'upstream_error' || code === 'upstream_closed' || code === 'internal_error' || code === 'response_timeout') return 'server_error';
  if (code.endsWith('rate_limited')) return 'rate_limit_error';
  return 'invalid_request_error';
}

/** `error` of an HTTP refusal (JSON body and `x-gateway-error` header), before any socket is open. */
export const HTTP_ERROR_CODES = [
  'unknown_site',
  'upgrade_required',
  'handshake_invalid',
  'origin_not_allowed',
  'token_missing',
  'token_invalid',
  'token_expired',
  'token_replayed',
  'token_mismatch',
  'token_lifetime_too_long',
  'too_many_sessions',
  'too_many_connections',
  'rate_limited',
  'invalid_request',
  'body_too_large',
  'unauthorized',
  'budget_exhausted',
  'not_found',
  'internal_error',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/**
 * Codes that appear only in the gateway's logs (never on the wire): what the
 * model service sent that was not used, and bounds an operator watches.
 */
export const LOG_CODES = [
  'upstream_malformed_event',
  'upstream_unknown_error',
  'upstream_transport_error',
  'tool_round_limit',
  'too_many_waiting',
] as const;

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
  /** The site's budget (or this conversation's cap) is spent; the assistant said goodbye first. */
  budgetExhausted: 4402,
  /** The upstream model service could not be reached or went away for good. */
  upstreamUnavailable: 4502,
} as const;
export type CloseCodeName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseCodeName];
