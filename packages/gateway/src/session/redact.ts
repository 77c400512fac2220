/**
 * What of the upstream's events a browser may see. The instructions and tool
 * schemas are the retailer's; function calls and their outputs are the
 * gateway's business. Errors are handled by the session, not here.
 */
import type { RealtimeServerEvent } from '@contoso-voice/protocol';

const SESSION_SECRETS = ['instructions', 'tools', 'tool_choice', 'prompt', 'tracing'] as const;
const TOOL_ITEM_TYPES = new Set(['function_call', 'function_call_output', 'mcp_call', 'mcp_list_tools', 'mcp_approval_request', 'mcp_approval_response']);

type AnyEvent = Record<string, unknown> & { type: string };
type Item = { type?: string } | null | undefined;

const isToolItem = (item: Item) => !!item && TOOL_ITEM_TYPES.has(item.type ?? '');

const STATUS_TYPES = new Set(['completed', 'cancelled', 'incomplete', 'failed']);
const STATUS_REASONS = new Set(['turn_detected', 'client_cancelled', 'max_output_tokens', 'content_filter']);

/**
 * A response's status_details, as a code and nothing else: a failed one
 * carries the service's own error text, which can name the organisation
 * or quote a key.
 */
function statusCode(details: unknown): { type: string; reason?: string } | undefined {
  if (details === null || typeof details !== 'object') return undefined;
  const { type, reason } = details as { type?: unknown; reason?: unknown };
  if (typeof type !== 'string' || !STATUS_TYPES.has(type)) return undefined;
  return typeof reason === 'string' && STATUS_REASONS.has(reason) ? { type, reason } : { type };
}

export function redactServerEvent(event: RealtimeServerEvent): RealtimeServerEvent | null {
  const e = event as unknown as AnyEvent;
  switch (e.type) {
    case 'session.created':
    case 'session.updated': {
      const session = { ...(e.session as Record<string, unknown>) };
      for (const key of SESSION_SECRETS) delete session[key];
      return { ...e, session } as unknown as RealtimeServerEvent;
    }
    case 'response.output_item.added':
    case 'response.output_item.done':
    case 'conversation.item.added':
    case 'conversation.item.created':
    case 'conversation.item.done':
    case 'conversation.item.retrieved':
      return isToolItem(e.item as Item) ? null : event;
    case 'response.created':
    case 'response.done': {
      const response = { ...(e.response as { output?: Item[]; status_details?: unknown }) };
      if (response.output?.some(isToolItem)) response.output = response.output.filter((i) => !isToolItem(i));
      if (response.status_details !== undefined) {
        const details = statusCode(response.status_details);
        if (details) response.status_details = details;
        else delete response.status_details;
      }
      return { ...e, response } as unknown as RealtimeServerEvent;
    }
    case 'error':
      return null;
  }
  if (e.type.startsWith('response.function_call_arguments.') || e.type.startsWith('response.mcp_') || e.type.startsWith('mcp_list_tools.')) {
    return null;
  }
  return event;
}
