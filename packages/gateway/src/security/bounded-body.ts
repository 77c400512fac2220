/**
 * Reads a body as it streams (a request's, or a fetched feed's), giving up as
 * soon as it passes its byte bound or its deadline, so that a huge or
 * trickled body costs the gateway at most the bound in memory and the
 * deadline in time.
 */
export type BodyRead = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'too_slow' };

export function readBoundedBody(request: Request, maxBytes: number, deadlineMs: number): Promise<BodyRead> {
  return readBoundedStream(request.body, request.headers.get('content-length'), maxBytes, deadlineMs);
}

/** `declaredLength` is the content-length header, when there is one: a body that says it is too big is not read at all. */
export async function readBoundedStream(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, maxBytes: number, deadlineMs: number): Promise<BodyRead> {
  if (Number(declaredLength ?? NaN) > maxBytes) {
    void body?.cancel().catch(() => {});
    return { ok: false, reason: 'too_large' };
  }
  if (!body) return { ok: true, text: '' };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), late]);
      if (next === 'late') return { ok: false, reason: 'too_slow' };
      if (next.done) {
        finished = true;
        break;
      }
      size += next.value.byteLength;
      if (size > maxBytes) return { ok: false, reason: 'too_large' };
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
    // The rest of a refused body is not read: the stream is dropped, not drained.
    if (!finished) void reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (bytes.set(c, at), (at += c.byteLength));
  return { ok: true, text: new TextDecoder().decode(bytes) };
}
