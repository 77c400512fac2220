/**
 * Where this tab got to in the conversation, so a new socket (or the next
 * page) can pick it up: kept in sessionStorage. t: the resume token, s: the
 * last event's seq, a: audio frames since it, r: the response in progress,
 * so a question typed on the next page cancels it first (the service allows
 * one at a time).
 */
import type { ServerEvent } from '@contoso-voice/protocol';
import { persistedAtom } from '../stores/persisted.js';

export function createResumePoint(site: string) {
  const store = persistedAtom(`cv-resume-${site}`, { t: '', s: 0, a: 0, r: '' });
  const at = { ...store.get() };
  const save = () => store.set({ ...at });
  globalThis.addEventListener?.('pagehide', save);
  return {
    at,
    /** Books an event in; false for one this tab has already seen (a replay after a reconnect starts where it left off). */
    fresh(e: ServerEvent): boolean {
      const seq = (e as { seq?: number }).seq;
      if (seq) {
        if (seq <= at.s) return false;
        at.s = seq;
        at.a = 0;
      }
      if (e.type === 'gateway.session') {
        at.t = e.resume_token;
        if (e.resumed !== 'reattached') {
          at.s = at.a = 0;
          at.r = '';
        }
        save();
      }
      return true;
    },
    /** The query that brings a dropped conversation back ('' for a new one). */
    query: () => (at.t ? `&resume=${at.t}&last_seq=${at.s}&audio_after=${at.a}` : ''),
  };
}
