/**
 * The named state the shopper sees ($voice), moved on by what the
 * microphone, the service and the speaker report. The stores own it and the
 * UI only draws it. "Thinking" runs from the end of the shopper's turn (a
 * VAD stop, a push-to-talk release, a typed question) to the answer's first
 * word: for a typed answer its first text, for a spoken one its first sound.
 */
import type { WritableAtom } from 'nanostores';
import type { VoiceState } from './stores/voice.js';

/** A pause in the answer's audio shorter than this (the network, a slow service) is not its end. */
export const AUDIO_GAP_MS = 300;

export function createLiveState($voice: WritableAtom<VoiceState>, $micOn: WritableAtom<boolean>) {
  const is = (...states: VoiceState[]) => states.includes($voice.get());
  /** Nothing under way: the microphone, if on, is listening. */
  const rest = () => $voice.set($micOn.get() ? 'listening' : 'idle');
  let gap: ReturnType<typeof setTimeout> | undefined;
  return {
    rest,
    connecting: () => $voice.set('connecting'),
    userSpeaking: () => $voice.set('user_speaking'),
    thinking: () => $voice.set('thinking'),
    /** The microphone was turned on or off: a state that was only about it follows; thinking and speaking go on. */
    mic(on: boolean) {
      $micOn.set(on);
      if (!is('thinking', 'assistant_speaking')) rest();
    },
    /** The answer's first text; a spoken answer stays "thinking" until it is heard. */
    answered(spoken: boolean) {
      if (!spoken && is('thinking')) rest();
    },
    /** A response ended: unless the gateway follows it with another (a tool round), nothing more is coming. */
    responseDone(followed: boolean) {
      if (!followed && is('thinking')) rest();
    },
    /** The player's reports, many a second: silence must last AUDIO_GAP_MS from its first report to end the speaking. */
    playing(playing: boolean) {
      if (playing) {
        clearTimeout(gap);
        gap = undefined;
        $voice.set('assistant_speaking');
      } else if (is('assistant_speaking')) {
        gap ??= setTimeout(() => {
          gap = undefined;
          if (is('assistant_speaking')) rest();
        }, AUDIO_GAP_MS);
      }
    },
  };
}

export type LiveState = ReturnType<typeof createLiveState>;
