/**
 * The WebSocket handshake's own checks (RFC 6455 §4.2.1), made before a
 * session slot is taken: a request the runtime would refuse after admission
 * must not cost a slot. And the slot of an admitted request whose socket
 * never opens (a phone that lost its network mid-handshake) goes back.
 */

/** Why the handshake headers cannot open a socket, or null when they can. */
export function handshakeProblem(header: (name: string) => string | undefined): string | null {
  const key = header('sec-websocket-key');
  // A nonce of 16 bytes, base64: 22 characters and "==".
  if (!key || !/^[A-Za-z0-9+/]{22}==$/.test(key.trim())) return 'Sec-WebSocket-Key must be 16 random bytes in base64.';
  if (header('sec-websocket-version')?.trim() !== '13') return 'Sec-WebSocket-Version must be 13.';
  return null;
}

/** How long an admitted request may take to become an open socket before its slot goes back. */
export const HANDSHAKE_DEADLINE_MS = 10_000;

/**
 * Holds an admitted request's slot until its socket opens; gives it back if
 * the request is gone first (`gone`, where the runtime tells) or the
 * deadline passes. Once open, the slot is the conversation's to give back.
 */
export function slotUntilOpen(release: () => void, gone?: (fn: () => void) => void) {
  let opened = false;
  const giveBack = () => {
    if (!opened) release();
  };
  const timer = setTimeout(giveBack, HANDSHAKE_DEADLINE_MS);
  (timer as { unref?: () => void }).unref?.();
  gone?.(giveBack);
  return {
    /** The socket is open: the slot now lives as long as the conversation. */
    opened() {
      opened = true;
      clearTimeout(timer);
    },
  };
}
