/**
 * Response audio out of a ring buffer at 24 kHz. Reports the samples of each
 * item actually played, and the output level, about twenty times a second;
 * a flush fades out within the current render quantum.
 */
import { PlaybackBuffer } from '../playback-buffer.js';

type Command = { t: 'push'; item: string; pcm: ArrayBuffer } | { t: 'end'; item: string } | { t: 'flush' };

const REPORT_EVERY = 10; // quanta: 10 x 128 samples is about 53 ms

class PlaybackProcessor extends AudioWorkletProcessor {
  #buffer = new PlaybackBuffer();
  #flushRequested = false;
  #quanta = 0;
  #wasPlaying = false;

  constructor() {
    super();
    this.port.onmessage = (e: MessageEvent<Command>) => {
      const c = e.data;
      if (c.t === 'push') this.#buffer.push(c.item, new Int16Array(c.pcm));
      else if (c.t === 'end') this.#buffer.end(c.item);
      else this.#flushRequested = true;
    };
  }

  override process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const out = outputs[0]![0]!;
    if (this.#flushRequested) {
      this.#flushRequested = false;
      const { item, played } = this.#buffer.flush(out);
      this.port.postMessage({ t: 'flushed', item, played });
      this.#wasPlaying = false;
    } else {
      const item = this.#buffer.current;
      const n = this.#buffer.read(out);
      const playing = n > 0;
      if (++this.#quanta >= REPORT_EVERY || playing !== this.#wasPlaying) {
        this.#quanta = 0;
        let energy = 0;
        for (let i = 0; i < out.length; i++) energy += out[i]! * out[i]!;
        this.port.postMessage({ t: 'played', item, played: item ? (this.#buffer.played.get(item) ?? 0) : 0, level: Math.sqrt(energy / out.length), playing });
      }
      this.#wasPlaying = playing;
    }
    for (let c = 1; c < outputs[0]!.length; c++) outputs[0]![c]!.set(out);
    return true;
  }
}

registerProcessor('contoso-playback', PlaybackProcessor);
