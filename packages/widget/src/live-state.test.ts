import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atom } from 'nanostores';
import { AUDIO_GAP_MS, createLiveState } from './live-state.js';
import type { VoiceState } from './stores/voice.js';

const setup = () => {
  const $voice = atom<VoiceState>('idle');
  const $micOn = atom(false);
  return { $voice, $micOn, live: createLiveState($voice, $micOn) };
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('live state', () => {
  it('a typed question with the microphone off: thinking until the first text, then idle', () => {
    const { $voice, live } = setup();
    live.thinking();
    expect($voice.get()).toBe('thinking');
    live.answered(false);
    expect($voice.get()).toBe('idle');
  });

  it('a spoken answer stays thinking past its first transcript until it plays, then listens again', () => {
    const { $voice, live } = setup();
    live.mic(true);
    expect($voice.get()).toBe('listening');
    live.userSpeaking();
    live.thinking();
    live.answered(true);
    expect($voice.get()).toBe('thinking');
    live.playing(true);
    expect($voice.get()).toBe('assistant_speaking');
    // A gap in the audio is not the end of the answer.
    live.playing(false);
    vi.advanceTimersByTime(AUDIO_GAP_MS - 50);
    live.playing(true);
    vi.advanceTimersByTime(AUDIO_GAP_MS);
    expect($voice.get()).toBe('assistant_speaking');
    // The player reports silence again and again: it ends the speaking from its first report.
    live.playing(false);
    vi.advanceTimersByTime(AUDIO_GAP_MS / 2);
    live.playing(false);
    vi.advanceTimersByTime(AUDIO_GAP_MS / 2);
    expect($voice.get()).toBe('listening');
  });

  it('turning the microphone off while the assistant speaks leaves the speaking state, and the mic reads off at once', () => {
    const { $voice, $micOn, live } = setup();
    live.mic(true);
    live.playing(true);
    live.mic(false);
    expect($micOn.get()).toBe(false);
    expect($voice.get()).toBe('assistant_speaking');
    live.playing(false);
    vi.advanceTimersByTime(AUDIO_GAP_MS);
    expect($voice.get()).toBe('idle');
  });

  it('a tool round keeps thinking; a response that ends with nothing to follow stops it', () => {
    const { $voice, live } = setup();
    live.thinking();
    live.responseDone(true);
    expect($voice.get()).toBe('thinking');
    live.responseDone(false);
    expect($voice.get()).toBe('idle');
  });
});
