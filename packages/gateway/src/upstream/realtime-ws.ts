/**
 * An upstream over the `openai` package's Node Realtime client. The OpenAI
 * and Azure upstreams differ only in URL and credentials, which they pass in.
 */
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { ClientOptions as WsOptions } from 'ws';
import type { UpstreamKind } from '@contoso-voice/protocol';
import { bytesToBase64 } from '../audio/base64.js';
import type { Upstream } from './types.js';

export interface RealtimeWsUpstreamOptions {
  kind: Exclude<UpstreamKind, 'local'>;
  /** https base ending in /v1; the client turns it into wss://…/v1/realtime?model=… */
  baseURL: string;
  model: string;
  /** Sent as `Authorization: Bearer`. Azure sends none and uses `headers` instead. */
  bearer: string | null;
  headers?: Record<string, string>;
  /** Extra trust for the TLS connection, e.g. a test service's own certificate. */
  ca?: string | Buffer;
  connectTimeoutMs?: number;
}

export function realtimeWsUpstream(o: RealtimeWsUpstreamOptions): Upstream {
  return {
    kind: o.kind,
    connect(handlers) {
      // The client always adds a bearer header; with no bearer it gets a placeholder that finishRequest removes.
      const client = new OpenAI({ apiKey: o.bearer ?? 'unused', baseURL: o.baseURL });
      const wsOptions: WsOptions = {
        headers: o.headers ?? {},
        handshakeTimeout: o.connectTimeoutMs ?? 10_000,
        ...(o.ca ? { ca: o.ca } : {}),
        ...(o.bearer === null
          ? {
              finishRequest: (request) => {
                request.removeHeader('authorization');
                request.end();
              },
            }
          : {}),
      };
      const rt = new OpenAIRealtimeWS({ model: o.model, options: wsOptions }, client);
      return new Promise((resolve, reject) => {
        let opened = false;
        let lastError: string | undefined;
        rt.on('event', (event) => handlers.onEvent(event));
        // Error events also arrive through 'event'; this listener catches transport errors and keeps them off the unhandled-rejection path.
        rt.on('error', (err) => {
          if (!err.error) lastError = err.message;
        });
        rt.socket.on('open', () => {
          opened = true;
          resolve({
            send: (event) => rt.send(event),
            appendAudio: (pcm) => rt.send({ type: 'input_audio_buffer.append', audio: bytesToBase64(pcm) }),
            close: () => {
              if (rt.socket.readyState <= 1) rt.close({ code: 1000, reason: 'client gone' });
            },
          });
        });
        rt.socket.on('close', (code, reason) => {
          if (!opened) reject(new Error(lastError ?? `upstream closed before opening (${code})`));
          else handlers.onClose({ code, reason: reason.toString(), error: lastError });
        });
      });
    },
  };
}
