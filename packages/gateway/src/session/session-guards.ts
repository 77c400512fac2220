/**
 * The per-session limits that run while a session is open: message rate,
 * audio rate, idle time, total length (with a warning before the end), and
 * a client that stops reading. Each one ends in a stable code.
 */
import { BYTES_PER_SAMPLE, CLOSE_CODES, SAMPLE_RATE, type ErrorCode } from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import { audioRateMeter, messageRateMeter } from '../security/session-meters.js';

export interface GuardActions {
  warn(code: 'session_ending', message: string, secondsLeft: number): void;
  refuse(code: ErrorCode, message: string): void;
  end(closeCode: number, reason: string, error: { code: ErrorCode; message: string }): void;
  /** Bytes queued for the client and not yet sent; undefined where the runtime does not tell. */
  bufferedAmount(): number | undefined;
}

/** About -40 dBFS: well above a quiet room's noise floor, well below speech. */
const ACTIVITY_PEAK = 330;

/** A tenth of the samples looked at must be loud: one loud click a second in a silent stream is not a shopper talking. */
const LOUD_SHARE = 0.1;

function isSound(pcm: Uint8Array): boolean {
  // A DataView, because a frame's bytes need not start on an even offset.
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  let looked = 0;
  let loud = 0;
  for (let i = 0; i + 1 < pcm.byteLength; i += 8) {
    looked++;
    if (Math.abs(view.getInt16(i, true)) >= ACTIVITY_PEAK) loud++;
  }
  return looked > 0 && loud >= looked * LOUD_SHARE;
}

export function sessionGuards(limits: GatewayLimits, act: GuardActions) {
  const messages = messageRateMeter(limits.messagesPerSecond);
  const audio = audioRateMeter(limits.audioSecondsPerMinute, SAMPLE_RATE * BYTES_PER_SAMPLE);
  let audioRefusedAt = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const timers: ReturnType<typeof setTimeout>[] = [];
  // Activity only moves this mark; the timer, when it fires, checks it and waits out the rest. Re-arming a
  // timer for every audio frame cost more than the rest of the guards together.
  let lastActivity = Date.now();

  const idleCheck = () => {
    const quiet = Date.now() - lastActivity;
    if (quiet < limits.idleTimeoutMs) {
      idleTimer = setTimeout(idleCheck, limits.idleTimeoutMs - quiet);
      return;
    }
    const minutes = Math.round(limits.idleTimeoutMs / 6000) / 10;
    act.end(CLOSE_CODES.idleTimeout, 'idle', { code: 'idle_timeout', message: `The conversation was idle for ${minutes} minutes and has ended.` });
  };

  return {
    start() {
      lastActivity = Date.now();
      idleTimer = setTimeout(idleCheck, limits.idleTimeoutMs);
      if (limits.maxSessionMs > limits.sessionWarningMs) {
        timers.push(
          setTimeout(() => {
            const seconds = Math.round(limits.sessionWarningMs / 1000);
            act.warn('session_ending', `This conversation will end in ${seconds} seconds.`, seconds);
          }, limits.maxSessionMs - limits.sessionWarningMs),
        );
      }
      timers.push(
        setTimeout(() => {
          const minutes = Math.round(limits.maxSessionMs / 6000) / 10;
          act.end(CLOSE_CODES.sessionTimeLimit, 'session time limit', { code: 'session_time_limit', message: `Conversations last at most ${minutes} minutes.` });
        }, limits.maxSessionMs),
      );
    },
    /** Every client message; false when the session was closed for flooding. */
    message(): boolean {
      if (messages.take()) return true;
      act.end(CLOSE_CODES.rateLimited, 'message rate', { code: 'rate_limited', message: `More than ${limits.messagesPerSecond} messages a second.` });
      return false;
    },
    /** Shopper activity: text or audio. */
    activity() {
      lastActivity = Date.now();
    },
    /** Microphone audio; false when it is over the minute's allowance and must not be forwarded. */
    audio(pcm: Uint8Array): boolean {
      const now = Date.now();
      if (audio.add(pcm.byteLength, now)) {
        // An open microphone in a quiet room is not a shopper talking: only sound counts as activity,
        // and once a second is often enough to look.
        if (now - lastActivity > 1000 && isSound(pcm)) lastActivity = now;
        return true;
      }
      // Every refused frame is dropped; telling the client once a second keeps the error stream readable.
      if (now - audioRefusedAt > 1000) {
        audioRefusedAt = now;
        act.refuse('audio_rate_limited', `At most ${limits.audioSecondsPerMinute} seconds of audio a minute.`);
      }
      return false;
    },
    /** Before each send to the client; false when it has stopped reading and the session was closed. */
    canSend(): boolean {
      const buffered = act.bufferedAmount();
      if (buffered === undefined || buffered <= limits.maxBufferedBytes) return true;
      act.end(CLOSE_CODES.clientTooSlow, 'client not reading', { code: 'client_too_slow', message: 'The connection is not keeping up.' });
      return false;
    },
    stop() {
      clearTimeout(idleTimer);
      timers.forEach(clearTimeout);
    },
  };
}
