/**
 * Loads the worklet module from its own URL (the same origin as widget.js),
 * so a strict CSP needs no blob: source. Only when that fails does it fetch
 * the file and load it from a Blob URL. Once per context.
 */
const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

async function load(ctx: BaseAudioContext, url: string): Promise<void> {
  try {
    await ctx.audioWorklet.addModule(url);
  } catch (direct) {
    const res = await fetch(url).catch(() => null);
    if (!res?.ok) throw direct;
    const blobUrl = URL.createObjectURL(new Blob([await res.text()], { type: 'text/javascript' }));
    try {
      await ctx.audioWorklet.addModule(blobUrl);
    } finally {
      URL.revokeObjectURL(blobUrl);
    }
  }
}

export function loadWorklet(ctx: BaseAudioContext, url: string): Promise<void> {
  let p = loaded.get(ctx);
  if (!p) {
    p = load(ctx, url);
    loaded.set(ctx, p);
    p.catch(() => loaded.delete(ctx));
  }
  return p;
}
