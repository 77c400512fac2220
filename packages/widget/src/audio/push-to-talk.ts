/**
 * Push-to-talk beside hands-free, for shoppers in noisy places. While the
 * shopper holds the mic button (or Space), the microphone's audio goes with
 * the service's turn detection off; letting go commits it and asks for the
 * answer. A tap is hands-free as before: the service's VAD takes the turns.
 * Between holds the microphone stays open but muted (nothing is sent, and
 * the client counts voice as off), so the next hold loses no syllable to
 * starting it.
 */
import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { ClientEvent } from '@contoso-voice/protocol';
import type { VoiceState } from '../stores/voice.js';

/** The service refuses to commit less than 100 ms (input_audio_buffer_commit_empty); frames are 20 ms, so keep a margin. */
export const MIN_HOLD_AUDIO_MS = 150;

const VAD = { type: 'server_vad' };

export interface PushToTalkDeps {
  $voice: WritableAtom<VoiceState>;
  /** While true, microphone frames are not sent. */
  $muted: WritableAtom<boolean>;
  $connection: ReadableAtom<string>;
  send(event: ClientEvent): unknown;
  startVoice(): Promise<void>;
  stopVoice(): void;
  bargeIn(): Promise<void>;
  micOn(): boolean;
}

export function createPushToTalk({ $voice, $muted, $connection, send, startVoice, stopVoice, bargeIn, micOn }: PushToTalkDeps) {
  // The turn detection this session was last told of; a new session (a reconnect, a reseed) is told again.
  let told: typeof VAD | null | undefined;
  $connection.listen(() => (told = undefined));
  // Moved on by every hold and release, so a hold still starting knows when it is over.
  let holds = 0;
  // When audio began to go in the hold under way; 0 while none does.
  let since = 0;
  const open = () => $connection.get() === 'open';
  const detect = (td: typeof told) =>
    td !== told && open() && send({ type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: td } } } } as ClientEvent) && (told = td);

  return {
    /** The shopper pressed and holds. The gesture that began it must have unlocked audio (unlockAudio). */
    async holdToTalk() {
      const hold = ++holds;
      $muted.set(true);
      if (!micOn()) await startVoice();
      // The session is still being reached: wait, as audio before turn detection is off would be taken as a turn.
      for (let i = 0; i < 100 && /ing$/.test($connection.get()); i++) await new Promise((r) => setTimeout(r, 50));
      // Let go already, or no microphone, or no session to talk to.
      if (hold !== holds || !micOn() || !open()) return;
      detect(null);
      send({ type: 'input_audio_buffer.clear' });
      await bargeIn();
      if (hold !== holds) return;
      $muted.set(false);
      since = Date.now();
      $voice.set('user_speaking');
    },
    /** The shopper let go: what was said is sent as one turn, or dropped when too short to be one. */
    releaseToTalk() {
      const start = since;
      since = 0;
      holds++;
      $muted.set(true);
      if (!start) return;
      // Too short to be a turn, it is dropped; a turn is over, and its answer is being prepared.
      const short = Date.now() - start < MIN_HOLD_AUDIO_MS;
      $voice.set(short ? 'idle' : 'thinking');
      if (short) return send({ type: 'input_audio_buffer.clear' });
      send({ type: 'input_audio_buffer.commit' });
      send({ type: 'response.create', response: { output_modalities: ['audio'] } });
    },
    /** A tap: hands-free on (the service's VAD takes turns again), or off. Call it from the click. */
    toggleVoice() {
      if (micOn() && !$muted.get()) return stopVoice();
      // A session not open yet is new, and hands-free already.
      detect(VAD);
      $muted.set(false);
      if (!micOn()) return startVoice();
      if ($voice.get() === 'idle') $voice.set('listening');
    },
  };
}
