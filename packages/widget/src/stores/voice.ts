import { atom } from 'nanostores';

export type VoiceState = 'idle' | 'connecting' | 'listening' | 'user_speaking' | 'assistant_speaking';

export function createVoiceStore() {
  return {
    $voice: atom<VoiceState>('idle'),
    $inputLevel: atom(0),
    $outputLevel: atom(0),
    $muted: atom(false),
  };
}
