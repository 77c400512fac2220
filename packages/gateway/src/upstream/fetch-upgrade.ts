/**
 * An upstream for Cloudflare Workers, which cannot set headers on
 * `new WebSocket`: the socket is opened with a fetch that asks for an
 * upgrade and carries the credential header, and the runtime hands back the
 * accepted socket on `response.webSocket`.
 */
import { bytesToBase64 } from '../audio/base64.js';
import { realtimeRequest, type UpstreamSettings } from './settings.js';
import type { Upstream } from './types.js';

/** The Workers socket: a standard WebSocket that must be accepted before use. */
interface AcceptableSocket extends WebSocket {
  accept(): void;
}

export interface FetchUpgradeOptions {
  connectTimeoutMs?: number;
  /** The runtime's fetch; tests and odd runtimes may pass their own. */
  fetch?: typeof fetch;
}

export function fetchUpgradeUpstream(settings: Exclude<UpstreamSettings, { kind: 'local' }>, options: FetchUpgradeOptions = {}): Upstream {
  const { url, headers } = realtimeRequest(settings);
  const doFetch = options.fetch ?? fetch;
  return {
    kind: settings.kind,
    async connect(handlers) {
      const res = await doFetch(url, {
        headers: { ...headers, upgrade: 'websocket' },
        signal: AbortSignal.timeout(options.connectTimeoutMs ?? 10_000),
      });
      const socket = (res as Response & { webSocket?: AcceptableSocket | null }).webSocket;
      if (res.status !== 101 || !socket) {
        // The body may quote the request; only the status goes into the error, which is logged, never sent.
        await res.body?.cancel();
        throw new Error(`upstream refused the upgrade (HTTP ${res.status})`);
      }
      socket.accept();
      let lastError: string | undefined;
      socket.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data !== 'string') {
          lastError = 'upstream sent a binary frame';
          return;
        }
        let event;
        try {
          event = JSON.parse(e.data);
        } catch {
          lastError = 'upstream sent a frame that is not JSON';
          return;
        }
        handlers.onEvent(event);
      });
      socket.addEventListener('error', () => {
        lastError ??= 'upstream socket error';
      });
      socket.addEventListener('close', (e: CloseEvent) => handlers.onClose({ code: e.code, reason: e.reason, error: lastError }));
      const send = (event: object) => {
        if (socket.readyState === 1) socket.send(JSON.stringify(event));
      };
      return {
        send,
        appendAudio: (pcm) => send({ type: 'input_audio_buffer.append', audio: bytesToBase64(pcm) }),
        close: () => {
          if (socket.readyState <= 1) socket.close(1000, 'client gone');
        },
      };
    },
  };
}
