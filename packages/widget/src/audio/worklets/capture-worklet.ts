/**
 * Microphone to 20 ms frames of PCM16 at 24 kHz, resampled with an
 * anti-aliased filter when the context runs at another rate. Each frame's
 * buffer is transferred to the main thread, not copied.
 */
import { floatSampleToPcm16 } from '@contoso-voice/protocol';
import { createResampler } from '../resampler.js';

const OUT_RATE = 24_000;
const FRAME = 480;

class CaptureProcessor extends AudioWorkletProcessor {
  #resampler = createResampler(sampleRate, OUT_RATE);
  #frame = new Int16Array(FRAME);
  #filled = 0;
  #energy = 0;
  #stopped = false;

  constructor() {
    super();
    this.port.onmessage = () => {
      this.#stopped = true;
    };
  }

  override process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (channel) {
      const samples = this.#resampler.process(channel);
      for (let i = 0; i < samples.length; i++) {
        const s = samples[i]!;
        this.#frame[this.#filled++] = floatSampleToPcm16(s);
        this.#energy += s * s;
        if (this.#filled === FRAME) {
          const buffer = this.#frame.buffer;
          this.port.postMessage({ pcm: buffer, level: Math.sqrt(this.#energy / FRAME) }, [buffer]);
          this.#frame = new Int16Array(FRAME);
          this.#filled = 0;
          this.#energy = 0;
        }
      }
    }
    return !this.#stopped;
  }
}

registerProcessor('contoso-capture', CaptureProcessor);
