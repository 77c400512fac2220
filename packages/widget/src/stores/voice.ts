import { atom } from 'nanostores';

/** What the shopper sees (live-state.ts moves it): the panel's orb and label draw it. */
export type VoiceState = 'idle' | 'connecting' | 'listening' | 'user_speaking' | 'thinking' | 'assistant_speaking';

export function createVoiceStore() {
  return {
    $voice: atom<VoiceState>('idle'),
    /** The microphone is open and listened to: what the mic button's aria-pressed says, whatever the assistant is doing. */
    $micOn: atom(false),
    $inputLevel: atom(0),
    $outputLevel: atom(0),
    $muted: atom(false),
    /** The longest text the session takes (gateway.session's limits); the composer counts against it. */
    $maxText: atom(2000),
  };
}
