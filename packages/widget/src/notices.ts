/**
 * What the shopper is told, by code: the widget's own situations. For the
 * gateway's codes its message is already written for the shopper, and used.
 */
const NOTICES: Record<string, string> = {
  no_mic: 'Voice needs a microphone and a secure page. You can type instead.',
  mic_denied: 'The microphone is blocked. You can type instead.',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'The assistant cannot connect from this page.',
};

export const noticeFor = (code: string, fallback = 'Something went wrong. Please try again.') => NOTICES[code] ?? fallback;
