/**
 * Push-to-talk's events, with the client's microphone and socket faked: what
 * a hold, a release, a short hold and a tap send, and when.
 */
import { describe, expect, it, vi } from 'vitest';
import { atom } from 'nanostores';
import { createPushToTalk, MIN_HOLD_AUDIO_MS } from './push-to-talk.js';
import type { VoiceState } from '../stores/voice.js';

function setup(connection = 'open') {
  const sent: any[] = [];
  let mic = false;
  const c = {
    $voice: atom<VoiceState>('idle'),
    $muted: atom(false),
    $connection: atom(connection),
    send: (e: any) => (sent.push(e), true),
    startVoice: vi.fn(async () => void (mic = true)),
    stopVoice: vi.fn(() => void (mic = false)),
    bargeIn: vi.fn(async () => {}),
    micOn: () => mic,
  };
  const names = () => sent.map((e) => (e.type === 'session.update' ? `td ${JSON.stringify(e.session.audio.input.turn_detection)}` : e.type));
  return { c, sent, names, ptt: createPushToTalk(c) };
}

describe('push-to-talk', () => {
  it('a hold turns turn detection off once, clears, barges in and streams; the release commits and asks for a spoken answer', async () => {
    vi.useFakeTimers();
    const { c, names, sent, ptt } = setup();
    await ptt.holdToTalk();
    expect(c.startVoice).toHaveBeenCalledOnce();
    expect(c.bargeIn).toHaveBeenCalledOnce();
    expect(c.$muted.get()).toBe(false);
    expect(c.$voice.get()).toBe('user_speaking');
    vi.advanceTimersByTime(1000);
    ptt.releaseToTalk();
    expect(c.$muted.get()).toBe(true);
    // The turn is over and the answer is being prepared.
    expect(c.$voice.get()).toBe('thinking');
    await ptt.holdToTalk();
    vi.advanceTimersByTime(MIN_HOLD_AUDIO_MS);
    ptt.releaseToTalk();
    expect(names()).toEqual(['td null', 'input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create', 'input_audio_buffer.clear', 'input_audio_buffer.commit', 'response.create']);
    expect(sent[0].session.type).toBe('realtime');
    expect(sent[3].response).toEqual({ output_modalities: ['audio'] });
    // The microphone stayed open between the holds, muted.
    expect(c.startVoice).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });

  it('a hold too short to be a turn is cleared, not committed', async () => {
    vi.useFakeTimers();
    const { names, ptt } = setup();
    await ptt.holdToTalk();
    vi.advanceTimersByTime(MIN_HOLD_AUDIO_MS - 1);
    ptt.releaseToTalk();
    expect(names()).toEqual(['td null', 'input_audio_buffer.clear', 'input_audio_buffer.clear']);
    vi.useRealTimers();
  });

  it('let go before the microphone or the session is ready: nothing is sent and nothing streams', async () => {
    const { c, names, ptt } = setup('connecting');
    const hold = ptt.holdToTalk();
    ptt.releaseToTalk();
    c.$connection.set('open');
    await hold;
    expect(names()).toEqual([]);
    expect(c.$muted.get()).toBe(true);
  });

  it('waits for the session before the audio goes', async () => {
    const { c, names, ptt } = setup('connecting');
    const hold = ptt.holdToTalk();
    await new Promise((r) => setTimeout(r, 20));
    expect(c.$muted.get()).toBe(true);
    c.$connection.set('open');
    await hold;
    expect(names()).toEqual(['td null', 'input_audio_buffer.clear']);
    expect(c.$muted.get()).toBe(false);
  });

  it('a tap after a hold gives the turns back to the VAD and listens; the next tap stops; a new session is told again', async () => {
    const { c, names, ptt } = setup();
    await ptt.holdToTalk();
    ptt.releaseToTalk();
    ptt.toggleVoice();
    expect(c.$muted.get()).toBe(false);
    expect(c.$voice.get()).toBe('listening');
    ptt.toggleVoice();
    expect(c.stopVoice).toHaveBeenCalledOnce();
    await ptt.toggleVoice();
    expect(names()).toEqual(['td null', 'input_audio_buffer.clear', 'input_audio_buffer.clear', 'td {"type":"server_vad"}']);
    c.$connection.set('reconnecting');
    c.$connection.set('open');
    await ptt.holdToTalk();
    await ptt.holdToTalk();
    expect(names().filter((n) => n === 'td null')).toHaveLength(2);
  });
});
