/**
 * One interface for every model service the gateway can talk to. A session
 * sees only this; which service sits behind it is chosen at start-up.
 */
import type { RealtimeClientEvent, RealtimeServerEvent, UpstreamKind } from '@contoso-voice/protocol';

export interface AudioDeltaMeta {
  response_id: string;
  item_id: string;
  output_index: number;
  content_index: number;
}

export interface UpstreamHandlers {
  onEvent(event: RealtimeServerEvent): void;
  /**
   * Response audio that the upstream already holds as raw PCM16 (the local
   * engine), so it is never base64-encoded just to be decoded again. Upstreams
   * that receive JSON deliver audio through onEvent instead.
   */
  onAudio(meta: AudioDeltaMeta, pcm: Uint8Array): void;
  /** The upstream is gone. `error` is for logs only: it may hold service internals. */
  onClose(info: { code: number; reason: string; error?: string }): void;
}

export interface UpstreamConnection {
  /** An event that already passed the session's policy. */
  send(event: RealtimeClientEvent): void;
  /** PCM16 mono 24 kHz for the input buffer; JSON upstreams encode it as `input_audio_buffer.append`. */
  appendAudio(pcm: Uint8Array): void;
  close(): void;
}

export interface Upstream {
  kind: UpstreamKind;
  /** Resolves once the upstream socket is open; rejects when it cannot be reached. */
  connect(handlers: UpstreamHandlers, sessionId: string): Promise<UpstreamConnection>;
}
