/**
 * The microphone, as 20 ms PCM16 frames at 24 kHz. It asks for a 24 kHz
 * context first; when the browser refuses to feed the microphone into it
 * (Firefox will not mix sample rates), it captures at the native rate and the
 * worklet resamples. The choice is made by trying, not by user-agent sniffing.
 */
import { loadWorklet } from './worklet-loader.js';

export interface Capture {
  stop(): void;
}

const CONSTRAINTS: MediaStreamConstraints = {
  audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
};

export async function startCapture(
  preferred: AudioContext,
  workletUrl: string,
  onFrame: (pcm: ArrayBuffer, level: number) => void,
): Promise<Capture> {
  const stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
  let ctx = preferred;
  let own: AudioContext | null = null;
  let source: MediaStreamAudioSourceNode;
  try {
    source = ctx.createMediaStreamSource(stream);
  } catch {
    own = ctx = new AudioContext({ latencyHint: 'interactive' });
    source = ctx.createMediaStreamSource(stream);
    await ctx.resume();
  }
  try {
    await loadWorklet(ctx, workletUrl);
  } catch (err) {
    stream.getTracks().forEach((t) => t.stop());
    throw err;
  }
  const node = new AudioWorkletNode(ctx, 'contoso-capture', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1 });
  node.port.onmessage = (e: MessageEvent<{ pcm: ArrayBuffer; level: number }>) => onFrame(e.data.pcm, e.data.level);
  source.connect(node);
  return {
    stop() {
      node.port.postMessage('stop');
      source.disconnect();
      stream.getTracks().forEach((t) => t.stop());
      void own?.close();
    },
  };
}
