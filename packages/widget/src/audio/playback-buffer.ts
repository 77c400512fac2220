/**
 * The playback ring: PCM16 at 24 kHz, queued by item, read out one render
 * quantum at a time. It counts the samples of each item that were actually
 * played, which is what a truncate must report, and shapes the edges:
 * a pre-roll before starting, short fades in, on underrun, and on flush, so
 * that no edge clicks.
 */

export const PREROLL_SAMPLES = 1200; // 50 ms at 24 kHz
export const FADE_SAMPLES = 48; // 2 ms

interface Segment {
  item: string;
  remaining: number;
  ended: boolean;
}

export class PlaybackBuffer {
  #ring: Int16Array;
  #readAt = 0;
  #size = 0;
  #segments: Segment[] = [];
  #waiting = true;
  #fadeIn = 0;
  /** Samples of each item played so far. */
  readonly played = new Map<string, number>();

  constructor(capacity = 1 << 21) {
    this.#ring = new Int16Array(capacity);
  }

  get current(): string | null {
    return this.#segments[0]?.item ?? null;
  }

  /** Queues audio of an item; returns how many samples did not fit (and were dropped). */
  push(item: string, pcm: Int16Array): number {
    const cap = this.#ring.length;
    const n = Math.min(pcm.length, cap - this.#size);
    let at = (this.#readAt + this.#size) % cap;
    for (let i = 0; i < n; i++) {
      this.#ring[at] = pcm[i]!;
      if (++at === cap) at = 0;
    }
    this.#size += n;
    const last = this.#segments.at(-1);
    if (last && last.item === item && !last.ended) last.remaining += n;
    else this.#segments.push({ item, remaining: n, ended: false });
    return pcm.length - n;
  }

  /** No more audio will come for this item, so it may play out below the pre-roll. */
  end(item: string): void {
    for (const s of this.#segments) if (s.item === item) s.ended = true;
  }

  /** Fills `out` with the next samples as floats; returns how many were real audio. */
  read(out: Float32Array): number {
    out.fill(0);
    if (this.#waiting) {
      const ready = this.#size >= PREROLL_SAMPLES || (this.#segments.length > 0 && this.#segments.every((s) => s.ended));
      if (!ready || this.#size === 0) return 0;
      this.#waiting = false;
      this.#fadeIn = FADE_SAMPLES;
    }
    const n = Math.min(out.length, this.#size);
    const cap = this.#ring.length;
    for (let i = 0; i < n; i++) {
      let s = this.#ring[this.#readAt]! / 0x8000;
      if (this.#fadeIn > 0) s *= 1 - this.#fadeIn-- / FADE_SAMPLES;
      out[i] = s;
      if (++this.#readAt === cap) this.#readAt = 0;
    }
    this.#size -= n;
    this.#account(n);
    if (n < out.length) {
      // Underrun: fade the tail that did play, then wait for a new pre-roll.
      fadeOut(out, n);
      this.#waiting = true;
    }
    return n;
  }

  /**
   * Barge-in: plays what is left of this quantum as a fade to silence and drops
   * everything queued. Returns the item that was playing and its played count.
   */
  flush(out: Float32Array): { item: string | null; played: number } {
    const item = this.current;
    const n = this.#waiting ? 0 : Math.min(out.length, this.#size);
    out.fill(0);
    const cap = this.#ring.length;
    for (let i = 0; i < n; i++) {
      out[i] = (this.#ring[(this.#readAt + i) % cap]! / 0x8000) * (1 - i / n);
    }
    this.#account(n);
    this.#readAt = 0;
    this.#size = 0;
    this.#segments = [];
    this.#waiting = true;
    return { item, played: item ? (this.played.get(item) ?? 0) : 0 };
  }

  #account(n: number): void {
    while (n > 0 && this.#segments.length) {
      const seg = this.#segments[0]!;
      const take = Math.min(n, seg.remaining);
      seg.remaining -= take;
      n -= take;
      this.played.set(seg.item, (this.played.get(seg.item) ?? 0) + take);
      if (seg.remaining === 0 && (seg.ended || this.#segments.length > 1)) this.#segments.shift();
      else if (seg.remaining === 0) break;
    }
  }
}

function fadeOut(out: Float32Array, end: number): void {
  const len = Math.min(FADE_SAMPLES, end);
  for (let i = 0; i < len; i++) out[end - len + i]! *= 1 - (i + 1) / len;
}
