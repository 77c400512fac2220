/**
 * `session.created`, as the service sends it first on every socket, made by
 * the gateway from the session it forces: a client sees the effective
 * session (voice, formats, turn detection) and never the instructions or
 * tools. The service's own session.created goes no further than the gateway;
 * a model session replaced mid-conversation must not look like a new one.
 */
import type { RealtimeClientEvent } from '@contoso-voice/protocol';
import { redactServerEvent } from './redact.js';

export function synthesizedSessionCreated(forced: RealtimeClientEvent, sessionId: string, gen: number): string {
  const session = (forced as unknown as { session: Record<string, unknown> }).session;
  const event = { type: 'session.created', event_id: `gwsess_${sessionId.slice(0, 8)}_${gen}`, session: { ...session, object: 'realtime.session', id: sessionId } };
  return JSON.stringify(redactServerEvent(event as never));
}
