/**
 * One shopper's session: the client socket on one side, one upstream on the
 * other, and the gateway's policy between them.
 */
import {
  CLOSE_CODES,
  type AudioDownMode,
  type ErrorCode,
  type GatewayServerEvent,
  type ProductCard,
  type RealtimeClientEvent,
  type RealtimeServerEvent,
} from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import type { CatalogIndex, Tool } from '../tools/index.js';
import type { AudioDeltaMeta, Upstream, UpstreamConnection } from '../upstream/types.js';
import { bytesToBase64, trustedBase64ToBytes } from '../audio/base64.js';
import { vetClientEvent, type Vetted } from './client-events.js';
import { redactServerEvent } from './redact.js';
import { applyClientSessionUpdate, defaultTunables, forcedSessionUpdate } from './session-config.js';
import { createToolRunner } from './tool-runner.js';
import { contextItem } from './page-context.js';
import { publicUpstreamError } from './upstream-errors.js';
import { sessionGuards } from './session-guards.js';

/** The client's socket, as the runtime adapter gives it. */
export interface ClientSocket {
  sendText(data: string): void;
  sendBinary(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued and not yet sent, where the runtime tells (Node does; Workers do not). */
  bufferedAmount(): number | undefined;
}

export interface SessionOptions {
  id: string;
  site: SiteConfig;
  catalog: CatalogIndex;
  upstream: Upstream;
  tools: Tool[];
  limits: GatewayLimits;
  log: Logger;
  audioDown: AudioDownMode;
  publicOrigin: string;
  client: ClientSocket;
}

const MAX_TRACKED_ITEMS = 512;

export type Session = ReturnType<typeof createSession>;

export function createSession(o: SessionOptions) {
  const startedAt = Date.now();
  let phase: 'new' | 'connecting' | 'open' | 'closed' = 'new';
  // A function, not a comparison, because the phase changes across awaits where TypeScript's narrowing cannot see.
  const isClosed = () => phase === 'closed';
  let upstream: UpstreamConnection | null = null;
  const pending: (() => void)[] = [];
  let tunables = defaultTunables(o.site);
  let audioStarted = false;
  const assistantItems = new Set<string>();
  const hiddenItems = new Set<string>();
  let contextCount = 0;

  const guards = sessionGuards(o.limits, {
    warn: (code, message, secondsLeft) => sendJson({ type: 'gateway.notice', code, message, seconds_left: secondsLeft }),
    refuse: (code, message) => {
      o.log('client.refused', { session: o.id, code });
      reportError(code, message);
    },
    end(closeCode, reason, error) {
      o.log('session.limit', { session: o.id, code: error.code });
      if (error.code !== 'client_too_slow') o.client.sendText(JSON.stringify({ type: 'gateway.error', ...error }));
      close(closeCode, reason);
    },
    bufferedAmount: () => o.client.bufferedAmount(),
  });

  const sendJson = (event: RealtimeServerEvent | GatewayServerEvent) => {
    if (phase !== 'closed' && guards.canSend()) o.client.sendText(JSON.stringify(event));
  };

  function reportError(code: ErrorCode, message: string, extra: { event_id?: string; param?: string } = {}) {
    sendJson({ type: 'gateway.error', code, message, ...extra });
  }

  function sendUpstream(event: RealtimeClientEvent) {
    upstream?.send(event);
  }

  const tools = createToolRunner({
    tools: o.tools,
    context: { site: o.site, catalog: o.catalog, publicOrigin: o.publicOrigin },
    timeoutMs: o.limits.toolTimeoutMs,
    maxCallsPerResponse: o.limits.maxToolCallsPerResponse,
    log: o.log,
    sessionId: o.id,
    sendUpstream,
    showProducts: (responseId: string, products: ProductCard[]) =>
      sendJson({ type: 'gateway.products', response_id: responseId, products }),
    reportError: (code, message) => reportError(code, message),
  });

  function remember(set: Set<string>, id: string) {
    set.add(id);
    if (set.size > MAX_TRACKED_ITEMS) set.delete(set.values().next().value as string);
  }

  function close(code: number, reason: string) {
    if (phase === 'closed') return;
    phase = 'closed';
    guards.stop();
    tools.clear();
    pending.length = 0;
    upstream?.close();
    upstream = null;
    o.client.close(code, reason);
    o.log('session.close', { session: o.id, site: o.site.id, code, ms: Date.now() - startedAt });
  }

  function relayAudio(meta: AudioDeltaMeta, pcm: Uint8Array | null, base64: string | null) {
    audioStarted = true;
    if (o.audioDown === 'binary') {
      if (guards.canSend()) o.client.sendBinary(pcm ?? trustedBase64ToBytes(base64!));
    } else {
      sendJson({ type: 'response.output_audio.delta', event_id: '', ...meta, delta: base64 ?? bytesToBase64(pcm!) } as RealtimeServerEvent);
    }
  }

  function onUpstreamEvent(event: RealtimeServerEvent) {
    if (phase === 'closed') return;
    const e = event as unknown as Record<string, any> & { type: string };
    switch (e.type) {
      case 'response.output_audio.delta':
        return relayAudio(e as unknown as AudioDeltaMeta, null, e.delta);
      case 'error': {
        const publicError = publicUpstreamError(e.error);
        o.log('upstream.error', { session: o.id, type: e.error?.type, code: e.error?.code });
        return reportError(publicError.code, publicError.message, e.error?.event_id ? { event_id: e.error.event_id } : {});
      }
      case 'response.output_item.added':
        if (e.item?.type === 'message' && e.item.role === 'assistant' && e.item.id) remember(assistantItems, e.item.id);
        break;
      case 'response.output_item.done':
        if (e.item?.type === 'function_call') {
          tools.add(e.response_id, { call_id: e.item.call_id, name: e.item.name, arguments: e.item.arguments ?? '' });
        }
        break;
      case 'response.done':
        void tools.finish(e.response.id, e.response.status, e.response.output_modalities);
        break;
      case 'conversation.item.added':
      case 'conversation.item.created':
      case 'conversation.item.done':
        if (hiddenItems.has(e.item?.id)) return;
        break;
    }
    const visible = redactServerEvent(event);
    if (visible) sendJson(visible);
  }

  function whenOpen(action: () => void) {
    if (phase === 'open') return action();
    if (pending.length >= o.limits.maxPendingEvents) {
      return reportError('upstream_unavailable', 'The assistant is still connecting; please wait a moment.');
    }
    pending.push(action);
  }

  function act(v: Vetted, eventId?: string) {
    const ref = eventId ? { event_id: eventId } : {};
    switch (v.kind) {
      case 'refuse':
        o.log('client.refused', { session: o.id, code: v.code, param: v.param });
        return reportError(v.code, v.message, { ...ref, ...(v.param ? { param: v.param } : {}) });
      case 'audio':
        if (!guards.audio(v.pcm)) return;
        return whenOpen(() => upstream?.appendAudio(v.pcm));
      case 'forward':
        if (v.event.type === 'conversation.item.create') guards.activity();
        return whenOpen(() => sendUpstream(v.event));
      case 'session_update': {
        const result = applyClientSessionUpdate(v.session, tunables, { audioStarted });
        if (!result.ok) {
          o.log('client.refused', { session: o.id, code: 'field_not_allowed', param: result.param });
          return reportError('field_not_allowed', result.message, { ...ref, param: result.param });
        }
        tunables = result.tunables;
        return whenOpen(() => sendUpstream(forcedSessionUpdate(o.site, o.tools, tunables)));
      }
      case 'context': {
        const item = contextItem(v.context, o.limits.maxContextBytes, `gwctx_${o.id.slice(0, 8)}_${++contextCount}`);
        if (!item.ok) return reportError('context_too_large', item.message, ref);
        remember(hiddenItems, item.event.item.id!);
        return whenOpen(() => sendUpstream(item.event));
      }
    }
  }

  return {
    id: o.id,
    async start() {
      phase = 'connecting';
      sendJson({
        type: 'gateway.session',
        session_id: o.id,
        site: o.site.id,
        upstream: o.upstream.kind,
        audio_down: o.audioDown,
        limits: {
          max_message_bytes: o.limits.maxMessageBytes,
          max_text_chars: o.limits.maxTextChars,
          max_context_bytes: o.limits.maxContextBytes,
        },
      });
      o.log('session.open', { session: o.id, site: o.site.id, upstream: o.upstream.kind, audio: o.audioDown });
      guards.start();
      try {
        const conn = await o.upstream.connect(
          {
            onEvent: onUpstreamEvent,
            onAudio: (meta, pcm) => phase !== 'closed' && relayAudio(meta, pcm, null),
            onClose: (info) => {
              if (phase === 'closed') return;
              upstream = null;
              o.log('upstream.close', { session: o.id, code: info.code, error: info.error });
              reportError('upstream_closed', 'The assistant service ended the conversation.');
              close(CLOSE_CODES.upstreamUnavailable, 'upstream closed');
            },
          },
          o.id,
        );
        if (isClosed()) return conn.close();
        upstream = conn;
        phase = 'open';
        conn.send(forcedSessionUpdate(o.site, o.tools, tunables));
        for (const action of pending.splice(0)) action();
      } catch (err) {
        if (isClosed()) return;
        o.log('upstream.unreachable', { session: o.id, error: err instanceof Error ? err.message : String(err) });
        reportError('upstream_unavailable', 'The assistant is unavailable right now. Please try again in a moment.');
        close(CLOSE_CODES.upstreamUnavailable, 'upstream unavailable');
      }
    },
    onText(data: string) {
      if (phase === 'closed' || !guards.message()) return;
      if (data.length > o.limits.maxMessageBytes) return close(CLOSE_CODES.messageTooBig, 'message too big');
      let msg: unknown;
      try {
        msg = JSON.parse(data);
      } catch {
        o.log('client.refused', { session: o.id, code: 'invalid_json' });
        return reportError('invalid_json', 'The message is not valid JSON.');
      }
      if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
        return reportError('invalid_event', 'An event must be a JSON object.');
      }
      const m = msg as Record<string, unknown>;
      act(vetClientEvent(m, { maxTextChars: o.limits.maxTextChars, assistantItems }), typeof m.event_id === 'string' ? m.event_id : undefined);
    },
    onBinary(data: Uint8Array) {
      if (phase === 'closed' || !guards.message()) return;
      if (data.byteLength > o.limits.maxMessageBytes) return close(CLOSE_CODES.messageTooBig, 'message too big');
      if (data.byteLength === 0 || data.byteLength % 2 !== 0) {
        o.log('client.refused', { session: o.id, code: 'audio_frame_invalid' });
        return reportError('audio_frame_invalid', 'A binary frame must be PCM16 audio: a non-empty, even number of bytes.');
      }
      if (!guards.audio(data)) return;
      whenOpen(() => upstream?.appendAudio(data));
    },
    /** The client went away, or the runtime failed it. */
    onClientClose(code: number) {
      if (phase === 'closed') return;
      phase = 'closed';
      guards.stop();
      tools.clear();
      upstream?.close();
      upstream = null;
      o.log('session.close', { session: o.id, site: o.site.id, code, by: 'client', ms: Date.now() - startedAt });
    },
    close,
  };
}
