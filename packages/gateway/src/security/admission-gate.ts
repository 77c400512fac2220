/**
 * The shared part of admission: spending a token's single-use id and taking
 * a session slot. One process keeps both in memory (localGate); a Worker
 * hands them to one Durable Object that runs the same localGate, so every
 * isolate sees the same spent ids and counts (worker/src/admission-host.ts).
 */
import type { AdmissionLimits } from './admission-counters.js';
import { admissionCounters } from './admission-counters.js';
import { singleUseGuard, type SpentTokens } from './single-use.js';

export interface GateRequest {
  site: string;
  ip: string;
  /** The token's single-use id and its expiry (ms). */
  jti: string;
  expiresAtMs: number;
  limits: AdmissionLimits;
}

export type GateResult =
  | { ok: true; ticket: string }
  | { ok: false; status: 409 | 429; code: 'token_replayed' | 'too_many_sessions' | 'rate_limited'; message: string };

export interface AdmissionGate {
  enter(r: GateRequest): Promise<GateResult>;
  /** Gives a session slot back; unknown or spent tickets are ignored. */
  leave(ticket: string): Promise<void> | void;
  /** Open sessions, for /healthz. */
  open(): Promise<number> | number;
}

/** `spent`: where spent token ids are kept, when they must outlive this gate (a graceful restart). */
export function localGate(spent: SpentTokens = singleUseGuard()): AdmissionGate {
  const counters = admissionCounters();
  const slots = new Map<string, () => void>();
  return {
    async enter(r) {
      if (!spent.spend(r.jti, r.expiresAtMs)) return { ok: false, status: 409, code: 'token_replayed', message: 'The session token has already been used.' };
      const admission = counters.admit(r.site, r.ip, r.limits);
      if (!admission.ok) return { ok: false, status: 429, code: admission.code, message: admission.message };
      const ticket = crypto.randomUUID();
      slots.set(ticket, admission.release);
      return { ok: true, ticket };
    },
    leave(ticket) {
      slots.get(ticket)?.();
      slots.delete(ticket);
    },
    open: () => counters.stats().open,
  };
}
