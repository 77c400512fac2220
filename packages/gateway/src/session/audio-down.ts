/**
 * The assistant's audio on its way to the client: binary PCM16 frames for a
 * client that opted in, base64 JSON deltas for one that did not. Each frame
 * arrives once, in whichever form the service sent it, and is turned into the
 * other only when the client needs it.
 */
import type { AudioDownMode, RealtimeServerEvent } from '@contoso-voice/protocol';
import type { AudioDeltaMeta } from '../upstream/types.js';
import { bytesToBase64, trustedBase64ToBytes } from '../audio/base64.js';

export interface AudioDownDeps {
  mode: AudioDownMode;
  canSend(): boolean;
  sendBinary(pcm: Uint8Array): void;
  sendJson(event: RealtimeServerEvent): void;
}

export function audioDown(d: AudioDownDeps) {
  return (meta: AudioDeltaMeta, pcm: Uint8Array | null, base64: string | null) => {
    if (d.mode === 'binary') {
      if (d.canSend()) d.sendBinary(pcm ?? trustedBase64ToBytes(base64!));
      return;
    }
    // Named fields, not a spread: the service may add others to its event, and they are its words, not ours.
    // Picked here, on the JSON path only, so binary audio costs no object per frame.
    const { response_id, item_id, output_index, content_index } = meta;
    d.sendJson({ type: 'response.output_audio.delta', event_id: '', response_id, item_id, output_index, content_index, delta: base64 ?? bytesToBase64(pcm!) } as RealtimeServerEvent);
  };
}
