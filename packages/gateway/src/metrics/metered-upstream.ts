/**
 * Audio seconds, counted where audio meets the model: every PCM frame the
 * session forwards, every raw frame the local engine sends back, and every
 * base64 audio delta a JSON service sends. Counting here sees the audio of
 * binary and JSON clients alike.
 */
import type { Upstream } from '../upstream/types.js';
import type { SiteTraffic } from './traffic.js';

/** Decoded bytes of a base64 string, without decoding it. */
function base64Bytes(s: string): number {
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - pad);
}

export function meteredUpstream(upstream: Upstream, trafficOf: (sessionId: string) => SiteTraffic | undefined): Upstream {
  return {
    kind: upstream.kind,
    async connect(handlers, sessionId) {
      // session.open is logged before the model is dialled, so the session's site is known by now.
      const t = trafficOf(sessionId);
      if (!t) return upstream.connect(handlers, sessionId);
      const conn = await upstream.connect(
        {
          onEvent(event) {
            if (event.type === 'response.output_audio.delta' && typeof event.delta === 'string') t.audioBytesOut += base64Bytes(event.delta);
            handlers.onEvent(event);
          },
          onAudio(meta, pcm) {
            t.audioBytesOut += pcm.byteLength;
            handlers.onAudio(meta, pcm);
          },
          onClose: (info) => handlers.onClose(info),
        },
        sessionId,
      );
      return {
        send: (event) => conn.send(event),
        appendAudio(pcm) {
          t.audioBytesIn += pcm.byteLength;
          conn.appendAudio(pcm);
        },
        close: () => conn.close(),
      };
    },
  };
}
