/**
 * Bad input gets a clear error event or a close with 1007, 1008 or 1009, is
 * never forwarded upstream, and never takes the process down.
 */
import { describe, expect, it } from 'vitest';
import { connectClient, testToken, userText, askInText } from '../helpers/socket-client.js';
import { sendRawFrameAndReadAnswer } from '../helpers/raw-frame.js';
import { openSession, type GatewayTarget } from './session.js';
import { SUITE_LIMITS } from './target.js';

export function badInputSuite(target: () => GatewayTarget) {
const session = () => openSession(target());

async function stillServes() {
  const res = await fetch(`${target().url}/healthz`);
  expect(await res.json()).toMatchObject({ status: 'ok', upstream: 'local' });
}

describe('bad input', () => {
  it('malformed JSON gets invalid_json and the session goes on', async () => {
    const { client, engine } = await session();
    client.sendRaw('{"type": "response.create",');
    expect((await client.waitFor('gateway.error')).code).toBe('invalid_json');
    client.sendRaw('[1,2,3]');
    expect((await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'invalid_event')).message).toMatch(/object/);
    client.sendRaw('{"no_type": true}');
    await client.waitFor((e) => e.type === 'gateway.error' && e.param === 'type');
    askInText(client, 'hello');
    await client.waitFor('response.output_text.done');
    expect((await engine()).items.filter((i) => i.type === 'message' && i.role === 'user')).toHaveLength(1);
    client.close();
  });

  it('an unknown event type gets unknown_event', async () => {
    const { client } = await session();
    client.send({ type: 'transcription_session.update', session: {} });
    const err = await client.waitFor('gateway.error');
    expect(err).toMatchObject({ code: 'unknown_event', param: 'type' });
    client.close();
  });

  it('a frame over the size limit closes with 1009', async () => {
    const { client, engine } = await session();
    client.sendRaw(JSON.stringify(userText('y'.repeat(SUITE_LIMITS.maxMessageBytes + 6 * 1024))));
    const closed = await client.closed;
    expect(closed.code).toBe(1009);
    expect((await engine()).items).toEqual([]);
    await stillServes();
  });

  it('a binary frame over the size limit closes with 1009', async () => {
    const { client } = await session();
    client.sendRaw(Buffer.alloc(SUITE_LIMITS.maxMessageBytes + 1024 + 2));
    expect((await client.closed).code).toBe(1009);
    await stillServes();
  });

  it('a binary frame of odd length gets audio_frame_invalid and is not forwarded', async () => {
    const { client, engine } = await session();
    client.sendRaw(Buffer.alloc(961, 1));
    const err = await client.waitFor('gateway.error');
    expect(err.code).toBe('audio_frame_invalid');
    client.sendRaw(Buffer.alloc(0));
    await client.waitFor((e) => e.type === 'gateway.error' && client.events().filter((x) => x.code === 'audio_frame_invalid').length === 2);
    // Nothing reached the engine's buffer: a commit finds it empty.
    client.send({ type: 'input_audio_buffer.commit' });
    const engineError = await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'input_audio_buffer_commit_empty');
    expect(engineError.message).toBeTruthy();
    expect((await engine()).items).toEqual([]);
    client.close();
  });

  it('base64 audio that is not base64, or of odd length, is refused', async () => {
    const { client } = await session();
    client.send({ type: 'input_audio_buffer.append', audio: '!!!not base64!!!' });
    expect((await client.waitFor('gateway.error')).code).toBe('audio_frame_invalid');
    client.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(3).toString('base64') });
    await client.waitFor((e) => e.type === 'gateway.error' && /even/.test(e.message));
    client.send({ type: 'input_audio_buffer.append', audio: 42 });
    await client.waitFor((e) => e.type === 'gateway.error' && e.code === 'invalid_event');
    client.close();
  });

  it('over-long text gets text_too_long', async () => {
    const { client } = await session();
    client.send(userText('z'.repeat(5000)));
    const err = await client.waitFor('gateway.error');
    expect(err.code).toBe('text_too_long');
    expect(err.message).toMatch(/2000/);
    client.close();
  });

  it('text that is not UTF-8 is refused', async () => {
    const answer = await sendRawFrameAndReadAnswer(target().port, `/v1/realtime?site=demo&token=${await testToken()}`, 1, Buffer.from([0xc3, 0x28]));
    // Node's ws fails the frame as RFC 6455 asks. workerd decodes it with U+FFFD before
    // the Worker sees it, so there the gateway can only refuse what is left: not JSON.
    expect(answer).toEqual(target().name === 'node' ? { close: 1007 } : { error: 'invalid_json' });
    await stillServes();
  });

  it('an unknown site is refused before the upgrade', async () => {
    await expect(connectClient(`${target().wsUrl}?site=nope`)).rejects.toThrow(/HTTP 404/);
    const res = await fetch(`${target().url}/v1/realtime?site=demo`);
    expect(res.status).toBe(426);
  });

  it('a burst of random garbage leaves the process serving', async () => {
    const { client } = await session();
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const len = Math.floor(rand() * 200);
      const bytes = Buffer.from(Array.from({ length: len }, () => Math.floor(rand() * 95) + 32));
      client.sendRaw(i % 2 ? bytes.toString('latin1') : JSON.stringify({ type: bytes.toString('latin1') }));
    }
    await client.waitFor(() => client.events().filter((e) => e.type === 'gateway.error').length >= 300, 10_000);
    await stillServes();
    client.close();
  });
});
}
