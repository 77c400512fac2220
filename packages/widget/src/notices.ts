import type { WritableAtom } from 'nanostores';
import { t, type MessageKey } from './i18n/index.js';

/**
 * The widget's own situations, each naming its real cause; the words are in
 * the message table (`notice_<code>`). For the gateway's codes its message
 * is already written for the shopper, and used as it is.
 */
export type NoticeCode = 'no_mic' | 'insecure' | 'mic_denied' | 'mic_failed' | 'reconnecting' | 'failed' | 'token' | 'tool' | 'too_long' | 'unavailable';

/**
 * What ends a notice's truth: the session is (back) up, the microphone
 * works, the shopper sent something, or a new answer began.
 */
export type NoticeEnd = 'session' | 'voice' | 'sent' | 'answer';

const ENDS: Record<string, NoticeEnd[]> = {
  // A connection notice holds until the session is back.
  connection: ['session'],
  // Voice could not start: true until it does, or until the shopper has moved on to typing.
  mic: ['voice', 'sent'],
  // The gateway's errors and notices (idle end, a refusal, a reseed) are about the last turn or session.
  turn: ['session', 'answer', 'sent'],
  // The page could not do what was asked: still true while the model answers about it, so it stays until the shopper moves on.
  action: ['sent'],
};

const KIND: Partial<Record<NoticeCode, keyof typeof ENDS>> = {
  no_mic: 'mic',
  insecure: 'mic',
  mic_denied: 'mic',
  mic_failed: 'mic',
  reconnecting: 'connection',
  failed: 'connection',
  token: 'connection',
  unavailable: 'connection',
  tool: 'action',
};

/** The notice line: one notice at a time, each cleared by what ends it. */
export function noticeLine($notice: WritableAtom<string | null>) {
  let ends: NoticeEnd[] = [];
  const show = (message: string | null, kind: keyof typeof ENDS = 'turn') => {
    ends = message ? ENDS[kind]! : [];
    $notice.set(message);
  };
  return {
    show,
    notice: (code: NoticeCode, vars?: Record<string, number>) => show(t(`notice_${code}` as MessageKey, vars), KIND[code]),
    /** Something happened that may end the notice shown. */
    ended(what: NoticeEnd) {
      if (ends.includes(what)) show(null);
    },
  };
}

export type NoticeLine = ReturnType<typeof noticeLine>;
