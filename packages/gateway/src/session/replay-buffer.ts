/**
 * What was sent to the client lately, so that a client that comes back can
 * be given exactly what it missed. JSON events carry a sequence number; audio
 * frames are counted after the event before them. Bounded by count and bytes;
 * audio is kept only for the replay window, while the events that carry its
 * transcript are kept longer.
 */
export type SentFrame = { seq: number; text: string; at: number } | { afterSeq: number; index: number; audio: Uint8Array; at: number };

export interface ReplayPosition {
  /** The last JSON event the client processed. */
  lastSeq: number;
  /** Audio frames it played after that event. */
  audioAfter: number;
}

export interface ReplayBounds {
  maxFrames: number;
  maxBytes: number;
  /** Audio older than this is not replayed. */
  audioWindowMs: number;
}

const frameBytes = (f: SentFrame) => ('text' in f ? f.text.length * 2 : f.audio.byteLength) + 48;

export function replayBuffer(bounds: ReplayBounds, now: () => number = Date.now) {
  const frames: SentFrame[] = [];
  let bytes = 0;
  let head = 0; // index of the oldest frame still held, so dropping is O(1)
  let lastSeq = 0;
  let audioCount = 0;

  function trim() {
    while (frames.length - head > bounds.maxFrames || bytes > bounds.maxBytes) {
      bytes -= frameBytes(frames[head]!);
      frames[head++] = undefined as never;
    }
    if (head > 1024 && head * 2 > frames.length) {
      frames.splice(0, head);
      head = 0;
    }
  }

  return {
    /** Numbers a JSON event and keeps it; returns its sequence number. */
    pushEvent(text: string): number {
      lastSeq += 1;
      audioCount = 0;
      const frame: SentFrame = { seq: lastSeq, text, at: now() };
      frames.push(frame);
      bytes += frameBytes(frame);
      trim();
      return lastSeq;
    },
    pushAudio(audio: Uint8Array) {
      const frame: SentFrame = { afterSeq: lastSeq, index: ++audioCount, audio, at: now() };
      frames.push(frame);
      bytes += frameBytes(frame);
      trim();
    },
    /**
     * Frames after a client's position, oldest first, without audio older than
     * the window; `complete` is false when some of what it missed is gone.
     */
    since(position: ReplayPosition): { frames: SentFrame[]; complete: boolean } {
      const cutoff = now() - bounds.audioWindowMs;
      const held = frames.slice(head);
      const oldest = held[0];
      const oldestSeq = oldest ? ('seq' in oldest ? oldest.seq : oldest.afterSeq) : lastSeq + 1;
      const complete = position.lastSeq >= oldestSeq - 1 || (oldest !== undefined && 'afterSeq' in oldest && oldest.afterSeq === position.lastSeq && oldest.index <= position.audioAfter + 1);
      const out = held.filter((f) =>
        'seq' in f ? f.seq > position.lastSeq : (f.afterSeq > position.lastSeq || (f.afterSeq === position.lastSeq && f.index > position.audioAfter)) && f.at >= cutoff,
      );
      return { frames: out, complete };
    },
    lastSeq: () => lastSeq,
    size: () => ({ frames: frames.length - head, bytes }),
  };
}
