/** What the shopper is told, by error code. Codes come from packages/protocol. */
const NOTICES: Record<string, string> = {
  upstream_unavailable: 'The assistant is unavailable right now. Try again soon.',
  upstream_closed: 'The assistant ended the conversation.',
  text_too_long: 'That message is too long.',
  no_mic: 'Voice needs a microphone and a secure page. You can type instead.',
  mic_denied: 'The microphone is blocked. You can type instead.',
  reconnecting: 'Connection lost. Reconnecting…',
  failed: 'The assistant cannot connect from this page.',
};

export const noticeFor = (code: string, fallback = 'Something went wrong. Please try again.') => NOTICES[code] ?? fallback;
