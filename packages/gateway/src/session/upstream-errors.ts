/**
 * Upstream errors reach the browser only as a stable code and a short
 * message of ours; the service's own text can name models, deployments or
 * parameters the shopper has no business seeing.
 */
import { SERVICE_ERROR_CODES, type ErrorCode } from '@contoso-voice/protocol';

/** The service's codes a client acts on, passed through by name with words of ours. */
const PASSED_THROUGH: Record<(typeof SERVICE_ERROR_CODES)[number], string> = {
  response_cancel_not_active: 'There is no response in progress to cancel.',
  input_audio_buffer_commit_empty: 'There was no audio to send.',
  conversation_already_has_active_response: 'The assistant is still answering; cancel that response first or wait for it to finish.',
  item_truncate_invalid_item_id: 'That item cannot be truncated.',
};

interface UpstreamError {
  type?: string;
  code?: string | null;
}

export function publicUpstreamError(error: UpstreamError | undefined): { code: ErrorCode; message: string } {
  const type = error?.type ?? '';
  const code = error?.code ?? '';
  if (Object.hasOwn(PASSED_THROUGH, code)) return { code: code as ErrorCode, message: PASSED_THROUGH[code as keyof typeof PASSED_THROUGH] };
  if (code === 'session_expired') return { code: 'upstream_closed', message: 'The assistant session has ended.' };
  if (type === 'rate_limit_error' || code.includes('rate_limit')) {
    return { code: 'upstream_error', message: 'The assistant is busy right now. Please try again in a moment.' };
  }
  if (type === 'server_error') return { code: 'upstream_error', message: 'The assistant had a problem. Please try again.' };
  return { code: 'upstream_error', message: 'The assistant could not handle that request.' };
}

/** Error types and codes the service documents; anything else is logged as one code of ours, since it may be free text. */
const KNOWN_TYPES = new Set(['invalid_request_error', 'server_error', 'rate_limit_error', 'authentication_error', 'permission_error', 'not_found_error', 'insufficient_quota']);
const KNOWN_CODES = new Set([
  'session_expired', 'conversation_already_has_active_response', 'response_cancel_not_active', 'invalid_api_key', 'insufficient_quota',
  'rate_limit_exceeded', 'invalid_value', 'unknown_parameter', 'missing_required_parameter', 'invalid_type', 'invalid_event',
  'item_truncate_invalid_item_id', 'input_audio_buffer_commit_empty', 'decimal_below_min_value', 'decimal_above_max_value',
  'string_above_max_length', 'model_not_found', 'server_error',
]);

/** What of an upstream error goes into a log line: known names, or our code for the unknown. */
export function loggableUpstreamError(error: UpstreamError | undefined): { type: string; code: string } {
  const known = (v: unknown, set: Set<string>) => (typeof v === 'string' && set.has(v) ? v : v == null ? 'none' : 'upstream_unknown_error');
  return { type: known(error?.type, KNOWN_TYPES), code: known(error?.code, KNOWN_CODES) };
}
