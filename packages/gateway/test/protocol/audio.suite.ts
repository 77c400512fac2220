/**
 * Audio both ways through the gateway and the local engine: binary PCM16 up,
 * server VAD on the real fixture speech, and response audio down as binary
 * frames or as standard JSON deltas.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/socket-client.js';
import { manifest, silenceFrames, wavFrames } from '../helpers/wav.js';
import type { GatewayTarget } from './target.js';

const VAD_TOLERANCE_MS = 40;

export function audioSuite(target: () => GatewayTarget) {

describe.each(Object.keys(manifest))('voice turn from %s', (file) => {
  it('reports speech at the times the manifest gives, and answers honestly in audio', async () => {
    const client = await connectClient(`${target().wsUrl}?site=demo&audio=binary`);
    await client.waitFor('session.updated');
    for (const frame of [...wavFrames(file), ...silenceFrames(600)]) client.sendRaw(frame);
    const started = await client.waitFor('input_audio_buffer.speech_started');
    const stopped = await client.waitFor('input_audio_buffer.speech_stopped');
    const m = manifest[file]!;
    expect(Math.abs(started.audio_start_ms - m.speech_start_s * 1000)).toBeLessThanOrEqual(VAD_TOLERANCE_MS);
    expect(Math.abs(stopped.audio_end_ms - m.speech_end_s * 1000)).toBeLessThanOrEqual(VAD_TOLERANCE_MS);
    expect(stopped.item_id).toBe(started.item_id);
    const committed = await client.waitFor('input_audio_buffer.committed');
    expect(committed.item_id).toBe(started.item_id);
    const failed = await client.waitFor('conversation.item.input_audio_transcription.failed');
    expect(failed.item_id).toBe(started.item_id);
    const transcript = await client.waitFor('response.output_audio_transcript.done', 10_000);
    expect(transcript.transcript).toMatch(/without a model key/);
    expect(transcript.transcript).toMatch(/type your question/);
    // The reply audio came as binary PCM16 frames, after the event that named its item.
    const partIndex = client.received.findIndex((r) => r.kind === 'json' && r.event.type === 'response.content_part.added');
    const firstBinary = client.received.findIndex((r) => r.kind === 'binary');
    expect(partIndex).toBeGreaterThanOrEqual(0);
    expect(firstBinary).toBeGreaterThan(partIndex);
    const audio = client.binary();
    const bytes = audio.reduce((n, b) => n + b.length, 0);
    expect(bytes % 2).toBe(0);
    // About 70 ms per character of the transcript, at 24 kHz, 2 bytes a sample.
    expect(bytes / 48).toBeGreaterThan(transcript.transcript.length * 60);
    let peak = 0;
    for (const b of audio) for (let i = 0; i < b.length; i += 2) peak = Math.max(peak, Math.abs(b.readInt16LE(i)));
    expect(peak).toBeGreaterThan(1000);
    expect(client.events().some((e) => e.type === 'response.output_audio.delta')).toBe(false);
    client.close();
  });
});

describe('audio down without opting in', () => {
  it('arrives as standard response.output_audio.delta JSON', async () => {
    const client = await connectClient(`${target().wsUrl}?site=demo`);
    await client.waitFor('session.updated');
    client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] } });
    client.send({ type: 'response.create' });
    await client.waitFor('response.done');
    const deltas = client.events().filter((e) => e.type === 'response.output_audio.delta');
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas[0]).toMatchObject({ response_id: expect.stringMatching(/^resp_/), item_id: expect.stringMatching(/^item_/), content_index: 0 });
    expect(Buffer.from(deltas[0]!.delta, 'base64').length).toBe(4800);
    expect(client.binary()).toEqual([]);
    client.close();
  });
});

describe('barge-in', () => {
  it('speech while the assistant talks cancels the response', async () => {
    const client = await connectClient(`${target().wsUrl}?site=demo&audio=binary`);
    await client.waitFor('session.updated');
    client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Tell me about your tents' }] } });
    client.send({ type: 'response.create' });
    await client.waitFor((e) => e.type === 'response.content_part.added');
    for (const frame of wavFrames('interrupt.wav').slice(0, 120)) client.sendRaw(frame);
    await client.waitFor('input_audio_buffer.speech_started');
    const cancelled = await client.waitFor((e) => e.type === 'response.done' && e.response.status === 'cancelled');
    expect(cancelled.response.status_details.reason).toBe('turn_detected');
    client.close();
  });
});
}
