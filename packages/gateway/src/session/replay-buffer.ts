/**
 * What was sent to the client lately, so that a client that comes back can
 * be given exactly what it missed. JSON events carry a sequence number;
 * audio frames are counted after the event before them. Events and audio are
 * held apart: events by count and bytes; audio by age. Audio is kept only
 * while no client is attached, for the grace window; audio that was in
 * flight when a socket died is not. The events that carry the audio's
 * transcript are kept either way.
 */
/** `text` is the event as sent, its `seq` already in it. */
export type SentFrame = { seq: number; text: string } | { afterSeq: number; index: number; audio: Uint8Array; at: number };
type EventFrame = Extract<SentFrame, { seq: number }>;
type AudioFrame = Extract<SentFrame, { afterSeq: number }>;

export interface ReplayPosition {
  /** The last JSON event the client processed. */
  lastSeq: number;
  /** Audio frames it took in after that event. */
  audioAfter: number;
}

export interface ReplayBounds {
  maxFrames: number;
  maxBytes: number;
  /** Audio older than this is not replayed (the grace window). */
  audioWindowMs: number;
}

/** A queue that drops from the front in O(1), compacting now and then. */
function queue<T>() {
  let items: T[] = [];
  let head = 0;
  return {
    push: (item: T) => void items.push(item),
    first: (): T | undefined => items[head],
    shift(): T | undefined {
      const item = items[head];
      if (item === undefined) return undefined;
      items[head++] = undefined as never;
      if (head > 1024 && head * 2 > items.length) {
        items = items.slice(head);
        head = 0;
      }
      return item;
    },
    all: () => items.slice(head),
    size: () => items.length - head,
  };
}

export function replayBuffer(bounds: ReplayBounds, now: () => number = Date.now) {
  const events = queue<EventFrame>();
  const audio = queue<AudioFrame>();
  let eventBytes = 0;
  let audioBytes = 0;
  let lastSeq = 0;
  let audioCount = 0;
  let attached = true;
  // The newest frames let go (an event; an audio frame by the event before it and its index), to tell
  // whether a client's missing frames are all still held.
  let droppedSeq = 0;
  let droppedAudioSeq = 0;
  let droppedAudioIndex = 0;

  function dropAudio(f: AudioFrame) {
    audioBytes -= f.audio.byteLength;
    droppedAudioSeq = f.afterSeq;
    droppedAudioIndex = f.index;
    audio.shift();
  }
  function trimAudio() {
    const cutoff = now() - bounds.audioWindowMs;
    for (let f = audio.first(); f && (f.at < cutoff || audioBytes > bounds.maxBytes / 2); f = audio.first()) dropAudio(f);
  }

  return {
    /** Numbers a JSON event and keeps it; returns it as sent, `seq` first. */
    pushEvent(json: string): string {
      lastSeq += 1;
      audioCount = 0;
      // Splicing the number in saves parsing and re-serialising every event.
      const text = json.length > 2 ? `{"seq":${lastSeq},${json.slice(1)}` : json;
      events.push({ seq: lastSeq, text });
      eventBytes += text.length * 2;
      while (events.size() > bounds.maxFrames || eventBytes > bounds.maxBytes / 2) {
        const dropped = events.shift()!;
        eventBytes -= dropped.text.length * 2;
        droppedSeq = dropped.seq;
      }
      return text;
    },
    pushAudio(pcm: Uint8Array) {
      if (attached) {
        // Not kept for a client that is there: keeping every frame a moment longer doubled the relay's p99
        // (bench:relay, 100 sessions), and the widget starts playback clean after a reconnect anyway.
        // Only counted, so a client that comes back is told what it lost.
        droppedAudioSeq = lastSeq;
        droppedAudioIndex = ++audioCount;
        return;
      }
      // A frame decoded from base64 is a view into a shared 8 KiB pool slab; keeping the view would keep the slab.
      const own = pcm.byteOffset === 0 && pcm.byteLength === pcm.buffer.byteLength ? pcm : new Uint8Array(pcm);
      audio.push({ afterSeq: lastSeq, index: ++audioCount, audio: own, at: now() });
      audioBytes += pcm.byteLength;
      trimAudio();
    },
    /** Whether a client is attached: with none, audio is kept for the whole window; with one, none is. */
    setAttached(value: boolean) {
      attached = value;
      if (attached) for (let f = audio.first(); f; f = audio.first()) dropAudio(f);
    },
    /**
     * Frames after a client's position, oldest first, without audio older than
     * the window; `complete` is false when some of what it missed is gone.
     */
    since(position: ReplayPosition): { frames: SentFrame[]; complete: boolean } {
      trimAudio();
      const after = (f: SentFrame) => ('seq' in f ? f.seq > position.lastSeq : f.afterSeq > position.lastSeq || (f.afterSeq === position.lastSeq && f.index > position.audioAfter));
      const es = events.all().filter(after);
      const as = audio.all().filter(after);
      const complete =
        droppedSeq <= position.lastSeq &&
        (droppedAudioSeq < position.lastSeq || (droppedAudioSeq === position.lastSeq && droppedAudioIndex <= position.audioAfter));
      // Merge: an event, then the audio that came after it, then the next event.
      const frames: SentFrame[] = [];
      let a = 0;
      for (const e of es) {
        while (a < as.length && as[a]!.afterSeq < e.seq) frames.push(as[a++]!);
        frames.push(e);
      }
      while (a < as.length) frames.push(as[a++]!);
      return { frames, complete };
    },
    size: () => ({ frames: events.size() + audio.size(), bytes: eventBytes + audioBytes }),
  };
}
