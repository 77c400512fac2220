/**
 * The `gateway` option as the base every request hangs off: an http(s) URL,
 * optionally with a path (a gateway mounted at https://shop.example/voice),
 * with no trailing slash. The session endpoint, the socket and the worklet
 * module are all `${base}/…`, so a path prefix is never dropped.
 */
export function gatewayBase(gateway: string): string {
  // A relative or garbled URL throws here ("Invalid URL"); the caller names the option.
  const url = new URL(gateway);
  // A query or fragment would end up inside every request's URL; ws(s) would not work for the session POST.
  if (!/^https?:$/.test(url.protocol) || /[?#]/.test(gateway)) throw Error('must be http(s), no ?query or #fragment');
  return (url.origin + url.pathname).replace(/\/+$/, '');
}

/** gatewayBase, or '' for a bad option, said once and naming it: the widget then stays unavailable rather than guessing. */
export function gatewayBaseOrNone(gateway: string): string {
  try {
    return gatewayBase(gateway);
  } catch (err) {
    console.warn('ContosoVoice: gateway', gateway, err);
    return '';
  }
}
