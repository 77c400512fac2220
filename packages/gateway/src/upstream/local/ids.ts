const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Ids in the service's own style (`item_…`, `resp_…`), so clients treat them alike. */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(21));
  let out = `${prefix}_`;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}
