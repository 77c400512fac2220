/**
 * Where sessions live, when not in the process that took the request. On
 * Workers a socket's I/O belongs to the request that opened it, so a
 * session that must outlive its socket lives in a Durable Object named by
 * the session id: the Worker (the front) admits the request and forwards the
 * upgrade; the object (the host) runs the same session code.
 */
import type { Context } from 'hono';
import type { ErrorCode } from '@contoso-voice/protocol';
import type { AdmissionGate } from '../security/admission-gate.js';

export interface SessionHosting {
  /** Shared admission state; each process's own memory when absent. */
  gate?: AdmissionGate;
  /** Front: after admission, hand the upgrade to the host that will hold the session; the host gives the slot back by `ticket`. */
  forward?(c: Context, ticket: string): Promise<Response>;
  /** Front: what the host of that session knows of it (the test inspector). */
  forwardInspect?(c: Context, sessionId: string): Promise<Response>;
  /** Host: the front admitted this request already; how to give its slot back. */
  admittedByFront?(c: Context): { release(): void } | null;
  /** Host: the session id the front chose, which names this host. */
  sessionId?(c: Context): string | undefined;
  /** Host: a resume that does not hold here goes back to the front, to begin anew on a host of its own. */
  rerouteRefusedResume?(code: ErrorCode): Response;
  /** Host: a resume refused on the way here; this is a new conversation, told why. */
  refusedResume?(c: Context): ErrorCode | undefined;
}
