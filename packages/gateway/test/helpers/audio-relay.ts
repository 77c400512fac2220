/**
 * The audio path through any upstream adapter, checked from both ends: a
 * binary frame from the client reaches the service as base64 JSON byte for
 * byte, and the service's audio delta reaches the client as binary.
 */
import { expect } from 'vitest';
import type { ServiceConnection } from './fake-service.js';
import type { TestClient } from './socket-client.js';
import { eventually } from './eventually.js';

export async function expectAudioBothWays(client: TestClient, conn: ServiceConnection): Promise<void> {
  const frame = Buffer.alloc(960);
  for (let i = 0; i < 480; i++) frame.writeInt16LE(Math.round(Math.sin(i / 10) * 8000), i * 2);
  client.sendRaw(frame);
  const append = await conn.waitFor('input_audio_buffer.append');
  expect(Buffer.from(append.audio, 'base64').equals(frame)).toBe(true);

  conn.send({ type: 'response.content_part.added', event_id: 'e0', response_id: 'r', item_id: 'item_a', output_index: 0, content_index: 0, part: { type: 'audio' } });
  conn.send({ type: 'response.output_audio.delta', event_id: 'e1', response_id: 'r', item_id: 'item_a', output_index: 0, content_index: 0, delta: frame.toString('base64') });
  await client.waitFor('response.content_part.added');
  const received = await eventually(() => client.binary()[0], 'audio at the client', 2000);
  expect(received.equals(frame)).toBe(true);
}
