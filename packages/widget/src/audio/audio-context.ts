/** An AudioContext at the wire's 24 kHz where the browser allows it, else at the device's rate (the resampler adapts). */
export function newAudioContext(): AudioContext {
  try {
    return new AudioContext({ sampleRate: 24_000, latencyHint: 'interactive' });
  } catch {
    return new AudioContext({ latencyHint: 'interactive' });
  }
}
