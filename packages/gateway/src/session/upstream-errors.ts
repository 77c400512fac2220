/**
 * Upstream errors reach the browser only as a stable code and a short
 * message of ours; the service's own text can name models, deployments or
 * parameters the shopper has no business seeing.
 */
import type { ErrorCode } from '@contoso-voice/protocol';

interface UpstreamError {
  type?: string;
  code?: string | null;
}

export function publicUpstreamError(error: UpstreamError | undefined): { code: ErrorCode; message: string } {
  const type = error?.type ?? '';
  const code = error?.code ?? '';
  if (code === 'session_expired') return { code: 'upstream_closed', message: 'The assistant session has ended.' };
  if (type === 'rate_limit_error' || code.includes('rate_limit')) {
    return { code: 'upstream_error', message: 'The assistant is busy right now. Please try again in a moment.' };
  }
  if (type === 'server_error') return { code: 'upstream_error', message: 'The assistant had a problem. Please try again.' };
  return { code: 'upstream_error', message: 'The assistant could not handle that request.' };
}
