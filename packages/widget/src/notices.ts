import type { WritableAtom } from 'nanostores';

/**
 * What the shopper is told, by code: the widget's own situations. For the
 * gateway's codes its message is already written for the shopper, and used
 * as it is. Typed by its keys, so every code the widget uses has its words.
 */
export const NOTICES = {
  no_mic: 'Voice needs a microphone and a secure page. You can type instead.',
  mic_denied: 'The microphone is blocked. You can type instead.',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'The assistant cannot connect from this page.',
  token: 'The shop could not start the assistant.',
  tool: "That didn't work here. Please use the shop's buttons.",
};

export type NoticeCode = keyof typeof NOTICES;


/** The notice line. A connection notice goes when the session is back; others (a blocked microphone) stay until they no longer hold. */
export function noticeLine($notice: WritableAtom<string | null>) {
  let ofConnection = false;
  const show = (message: string | null, connection = false) => {
    ofConnection = connection;
    $notice.set(message);
  };
  return { show, notice: (code: NoticeCode | null, connection = false) => show(code ? NOTICES[code] : null, connection), ofConnection: () => ofConnection };
}
