/**
 * One session slot per conversation, not per socket: a conversation waiting
 * for its client keeps its slot, so it counts against the per-address and
 * per-site limits like an open one; a socket that resumes it brings a slot
 * of its own, and the old one goes back. And a bound on how many may wait
 * in this process: each holds a model session and a replay buffer.
 */
import { CLOSE_CODES } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import type { Session } from './session.js';

export function conversationSlots(live: Map<string, Session>, log: Logger) {
  const slots = new Map<Session, () => void>();
  return {
    /** `session` now holds the slot `release` gives back (a new conversation, or a socket taking one over). */
    hold(session: Session, release: () => void) {
      const previous = slots.get(session);
      slots.set(session, release);
      previous?.();
    },
    /** The conversation ended for good: its slot goes back. */
    ended(session: Session) {
      slots.get(session)?.();
      slots.delete(session);
    },
    /** Past `max` waiting conversations, the one waiting longest ends. */
    boundWaiting(max: number) {
      let waiting = 0;
      let longest: Session | null = null;
      for (const s of live.values()) {
        const since = s.detachedSince();
        if (since === null) continue;
        waiting++;
        if (!longest || since < longest.detachedSince()!) longest = s;
      }
      if (waiting > max && longest) {
        log('session.limit', { session: longest.id, code: 'too_many_waiting' });
        longest.end(CLOSE_CODES.goingAway, 'too many waiting conversations', 'client');
      }
    },
  };
}
