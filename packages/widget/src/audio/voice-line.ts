/**
 * One client's microphone and speaker: capture started and stopped on the
 * shopper's word, the answer's audio played by item, and the barge-in that
 * cuts it. It knows nothing of the socket; it is handed what to send.
 */
import type { ClientEvent } from '@contoso-voice/protocol';
import type { WritableAtom } from 'nanostores';
import { startCapture, type Capture } from './capture.js';
import { createPlayer, type Player } from './player.js';
import { truncateEvent } from './truncate.js';
import { newAudioContext } from './audio-context.js';
import type { LiveState } from '../live-state.js';
import type { NoticeCode, NoticeLine } from '../notices.js';
import type { VoiceEvents } from '../voice-events.js';

export interface VoiceLineDeps {
  $muted: WritableAtom<boolean>;
  $inputLevel: WritableAtom<number>;
  $outputLevel: WritableAtom<number>;
  live: LiveState;
  notices: NoticeLine;
  workletUrl: string;
  /** Reaches for the session; voice needs one. */
  connect(): void;
  send(event: ClientEvent): unknown;
  sendAudio(pcm: ArrayBuffer): unknown;
  /** Cancels the response in progress, if there is one; true when there was. */
  cancelResponse(): boolean;
  interrupted(detail: VoiceEvents['interrupted']): void;
}

/** Why the microphone could not start, by the DOMException the browser gave. */
const failure = (name: string | undefined): NoticeCode =>
  name === 'NotAllowedError' || name === 'SecurityError' ? 'mic_denied' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'no_mic' : 'mic_failed';

export function createVoiceLine(d: VoiceLineDeps) {
  let ctx: AudioContext | null = null;
  let player: Promise<Player> | null = null;
  // The resolved player, so each received audio frame is pushed directly rather than through a promise callback.
  let playerReady: Player | null = null;
  let capture: Capture | null = null;
  // A start under way (the permission prompt may be open), and whether the shopper still wants it when it lands.
  let starting: Promise<void> | null = null;
  let wanted = false;
  let audioItem: string | null = null;
  const dropped = new Set<string>();

  // Muted between push-to-talk holds (push-to-talk.ts): the microphone is open, but nothing is listened to.
  const voiceOn = () => capture !== null && !d.$muted.get();
  d.$muted.listen(() => capture && d.live.mic(voiceOn()));

  /** Must run inside the shopper's click: browsers only start audio from a gesture. */
  function unlockAudio(): AudioContext {
    ctx ??= newAudioContext();
    void ctx.resume();
    return ctx;
  }

  async function open() {
    // getUserMedia and AudioWorklet are [SecureContext]: on an http page they are missing, and the notice says why.
    if (!isSecureContext) return d.notices.notice('insecure');
    if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') return d.notices.notice('no_mic');
    const audio = unlockAudio();
    d.connect();
    d.live.connecting();
    try {
      player ??= createPlayer(audio, d.workletUrl, (playing, level) => {
        d.$outputLevel.set(level);
        d.live.playing(playing);
      });
      playerReady = await player;
      const mic = await startCapture(audio, d.workletUrl, (pcm, level) => {
        d.$inputLevel.set(level);
        if (!d.$muted.get()) d.sendAudio(pcm);
      });
      // Tapped off while the browser was still asking: the microphone it gave is closed again at once.
      if (!wanted) return mic.stop();
      capture = mic;
      d.live.mic(voiceOn());
      d.notices.ended('voice');
    } catch (err) {
      player = playerReady = null;
      d.live.rest();
      d.notices.notice(failure((err as DOMException)?.name));
    }
  }

  function startVoice(): Promise<void> {
    wanted = true;
    if (capture) return Promise.resolve();
    return (starting ??= open().finally(() => (starting = null)));
  }

  function stopVoice() {
    wanted = false;
    if (!capture) return starting && d.live.rest();
    capture.stop();
    capture = null;
    d.$inputLevel.set(0);
    d.live.mic(false);
    d.send({ type: 'input_audio_buffer.clear' });
  }

  /** The shopper interrupts: by speaking, by tapping stop, or by typing a new question. */
  async function bargeIn() {
    const cancelled = d.cancelResponse();
    const item = audioItem;
    if (!item || !player) return;
    audioItem = null;
    dropped.add(item);
    const p = await player;
    const { played } = await p.flush();
    const received = p.received(item);
    const truncate = truncateEvent(item, played, received);
    if (played < received || cancelled) d.send(truncate);
    d.interrupted({ itemId: item, playedSamples: played, receivedSamples: received, audioEndMs: truncate.audio_end_ms });
  }

  return {
    unlockAudio,
    startVoice,
    stopVoice,
    bargeIn,
    voiceOn,
    /** The microphone is open or being opened (muted or not): a tap now turns it off. */
    micOpen: () => capture !== null || starting !== null,
    /** Binary audio that follows belongs to this item, unless a barge-in dropped it. */
    audioItem: (id: string) => void (audioItem = dropped.has(id) ? null : id),
    audioDone: (id: string) => void player?.then((p) => p.end(id)),
    play(pcm: ArrayBuffer) {
      if (audioItem && playerReady) playerReady.push(audioItem, pcm);
    },
    /** A new session: audio of the old one must not play on. */
    dropPlayback() {
      audioItem = null;
      void player?.then((p) => p.flush());
    },
    close() {
      stopVoice();
      playerReady?.close();
      player = playerReady = null;
      void ctx?.close();
      ctx = null;
    },
  };
}

export type VoiceLine = ReturnType<typeof createVoiceLine>;
