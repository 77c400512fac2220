/**
 * One shopper's conversation: a client socket on one side (which may drop
 * and come back), one model session on the other (which may be replaced),
 * and the gateway's policy between them.
 */
import {
  CLOSE_CODES,
  type AudioDownMode,
  type ErrorCode,
  type GatewayServerEvent,
  type GatewaySessionEvent,
  type ProductCard,
  type RealtimeClientEvent,
  type RealtimeServerEvent,
} from '@contoso-voice/protocol';
import type { GatewayLimits } from '../config.js';
import type { Logger } from '../log.js';
import type { SiteConfig } from '../sites/types.js';
import type { AnyTool } from '../tools/index.js';
import type { SiteCatalog } from '../catalog/site-catalog.js';
import type { AudioDeltaMeta, Upstream } from '../upstream/types.js';
import { bytesToBase64, trustedBase64ToBytes } from '../audio/base64.js';
import { MAX_EVENT_ID_CHARS, vetClientEvent } from './client-events.js';
import { defaultTunables, forcedSessionUpdate } from './session-config.js';
import { createToolRunner } from './tool-runner.js';
import { clientActions } from './client-actions.js';
import { pageCalls } from './page-calls.js';
import { cartUndo } from './cart-undo.js';
import { recordSaver } from './record-saver.js';
import { sessionGuards } from './session-guards.js';
import { clientLink } from './client-link.js';
import { upstreamLink } from './upstream-link.js';
import { conversationRecorder, reseedEvents } from './conversation-record.js';
import { upstreamEventHandler } from './upstream-events.js';
import { modelBudget } from './model-budget.js';
import { sessionHello } from './session-hello.js';
import type { ReplayPosition } from './replay-buffer.js';
import type { SessionRecord, SessionStateStore } from './state-store.js';

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
  /** The page origin the session was opened from; resumes must come from it too. */
  origin: string | null;
  catalog: SiteCatalog;
  upstream: Upstream;
  tools: AnyTool[];
  limits: GatewayLimits;
  log: Logger;
  audioDown: AudioDownMode;
  publicOrigin: string;
  client: ClientSocket;
  store: SessionStateStore;
  /** Signs the resume token for a generation of this session. */
  resumeToken(gen: number): Promise<string>;
  /** A record to carry on from: the conversation is re-seeded into the new model session. */
  from?: SessionRecord;
  /** The session has ended for good; the runtime forgets it. */
  onEnd(): void;
}

const MAX_TRACKED_ITEMS = 512;

export type Session = ReturnType<typeof createSession>;

export function createSession(o: SessionOptions) {
  const startedAt = Date.now();
  let ended = false;
  let tunables = defaultTunables(o.site);
  let audioStarted = false;
  const assistantItems = new Set<string>();
  let contextCount = 0;
  let seedRound = 0;
  let resumeGen = (o.from?.resumeGen ?? 0) + 1;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let detachedAt: number | null = null;
  const forcedUpdate = () => forcedSessionUpdate(o.site, o.tools, tunables, o.limits);
  const recorder = conversationRecorder(o.from ? [...o.from.conversation] : []);
  const link = clientLink(o.client, {
    maxFrames: o.limits.replayMaxFrames,
    maxBytes: o.limits.replayMaxBytes,
    audioWindowMs: o.limits.resumeGraceMs,
  });

  const guards = sessionGuards(o.limits, {
    warn: (code, message, secondsLeft) => sendJson({ type: 'gateway.notice', code, message, seconds_left: secondsLeft }),
    refuse: (code, message) => {
      o.log('client.refused', { session: o.id, code });
      reportError(code, message);
    },
    end(closeCode, reason, error) {
      o.log('session.limit', { session: o.id, code: error.code });
      if (error.code !== 'client_too_slow') sendJson({ type: 'gateway.error', ...error });
      end(closeCode, reason);
    },
    bufferedAmount: () => link.bufferedAmount(),
  });

  const sendJson = (event: RealtimeServerEvent | GatewayServerEvent) => {
    if (!ended && guards.canSend()) link.sendEvent(JSON.stringify(event));
  };

  function reportError(code: ErrorCode, message: string, extra: { event_id?: string; param?: string } = {}) {
    sendJson({ type: 'gateway.error', code, message, ...extra });
  }

  const model = upstreamLink({
    upstream: o.upstream,
    sessionId: o.id,
    log: o.log,
    maxPending: o.limits.maxPendingEvents,
    onEvent: (event) => onUpstreamEvent(event),
    onAudio: (meta, pcm) => relayAudio(meta, pcm, null),
    setup: () => [forcedUpdate(), ...reseedEvents(recorder.entries, `${o.id.slice(0, 8)}_${++seedRound}`)],
    onRestored: () =>
      sendJson({ type: 'gateway.notice', code: 'reseeded', message: 'The assistant reconnected and still has the conversation.', seconds_left: 0 }),
    onUnavailable: () => reportError('upstream_unavailable', 'The assistant is unavailable right now. You can keep typing; it will try again.'),
    onOverflow: () => reportError('upstream_unavailable', 'The assistant is still connecting; please wait a moment.'),
  });

  const gatewayItemId = () => `gwctx_${o.id.slice(0, 8)}_${++contextCount}`;
  const calls = pageCalls(o.limits.maxToolResultBytes);
  const undo = cartUndo(gatewayItemId);
  const tools = createToolRunner({
    tools: o.tools,
    context: { site: o.site, catalog: o.catalog, publicOrigin: o.publicOrigin, sessionId: o.id },
    timeoutMs: o.limits.toolTimeoutMs,
    maxCallsPerResponse: o.limits.maxToolCallsPerResponse,
    maxRoundsPerTurn: o.limits.maxToolRoundsPerTurn,
    holdingLineMs: o.limits.toolHoldingLineMs,
    mayRespond: () => budget.response(),
    page: { send: (event) => sendJson(event), calls },
    showOutput: (callId, name, output) => sendJson({ type: 'gateway.tool_output', call_id: callId, name, output }),
    pageDid: (name, callId, args) => name === 'add_to_cart' && undo.added(callId, args),
    log: o.log,
    sessionId: o.id,
    sendUpstream: (event) => model.send(event),
    showProducts: (responseId: string, products: ProductCard[]) => {
      recorder.products(products);
      persist();
      sendJson({ type: 'gateway.products', response_id: responseId, products });
    },
    reportError: (code, message) => reportError(code, message),
  });

  const budget = modelBudget(o.limits, (r) => {
    o.log('client.refused', { session: o.id, code: r.code });
    reportError(r.code, r.message);
  });

  const onUpstreamEvent = upstreamEventHandler({
    sessionId: o.id,
    log: o.log,
    tools,
    recorder,
    assistantItem: (id) => remember(assistantItems, id),
    userTurn: () => tools.userTurn(),
    responseBegun: () => {
      tools.responseBegun();
      budget.responseBegun();
    },
    persist: () => persist(),
    relayAudio: (meta, base64) => relayAudio(meta, null, base64),
    relay: (event) => !ended && sendJson(event),
    reportError: (code, message) => !ended && reportError(code, message),
  });

  function remember(set: Set<string>, id: string) {
    set.add(id);
    if (set.size > MAX_TRACKED_ITEMS) set.delete(set.values().next().value as string);
  }

  const persist = recordSaver(o.store, o.log, o.id, () => ({
    sessionId: o.id,
    siteId: o.site.id,
    origin: o.origin,
    createdAt: o.from?.createdAt ?? startedAt,
    expiresAt: Date.now() + o.limits.reseedWindowMs,
    conversation: recorder.entries,
    resumeGen,
    reseeds: (o.from?.reseeds ?? 0) + (o.from ? 1 : 0),
  }));

  function end(code: number, reason: string, by: 'gateway' | 'client' = 'gateway') {
    if (ended) return;
    ended = true;
    clearTimeout(graceTimer);
    guards.stop();
    tools.clear();
    model.close();
    if (by === 'gateway') link.close(code, reason);
    else link.detach();
    o.log('session.close', { session: o.id, site: o.site.id, code, by, ms: Date.now() - startedAt });
    o.onEnd();
  }

  function relayAudio(meta: AudioDeltaMeta, pcm: Uint8Array | null, base64: string | null) {
    if (ended) return;
    audioStarted = true;
    if (o.audioDown === 'binary') {
      if (guards.canSend()) link.sendAudio(pcm ?? trustedBase64ToBytes(base64!));
    } else {
      // Named fields, not a spread: the service may add others to its event, and they are its words, not ours.
      // Picked here, on the JSON path only, so binary audio costs no object per frame.
      const { response_id, item_id, output_index, content_index } = meta;
      sendJson({ type: 'response.output_audio.delta', event_id: '', response_id, item_id, output_index, content_index, delta: base64 ?? bytesToBase64(pcm!) } as RealtimeServerEvent);
    }
  }

  const act = clientActions({
    sessionId: o.id,
    limits: o.limits,
    log: o.log,
    budget,
    tools,
    recorder,
    pageCalls: calls,
    undo,
    sendUpstream: (event, onSent) => model.send(event, onSent),
    forwardAudio,
    activity: () => guards.activity(),
    persist,
    reportError,
    tunables: { get: () => tunables, set: (t) => (tunables = t), audioStarted: () => audioStarted, sendForced: () => model.send(forcedUpdate()) },
    gatewayItemId,
  });

  const helloFacts = { sessionId: o.id, siteId: o.site.id, upstream: o.upstream.kind, audioDown: o.audioDown, limits: o.limits };
  const hello = (token: string, resumed: GatewaySessionEvent['resumed'], replay?: { replayed: number; complete: boolean }) =>
    sessionHello(helloFacts, token, resumed, replay);

  function onBinary(data: Uint8Array) {
    if (ended || !guards.message()) return;
    if (data.byteLength > o.limits.maxMessageBytes) return end(CLOSE_CODES.messageTooBig, 'message too big');
    if (data.byteLength === 0 || data.byteLength % 2 !== 0) {
      o.log('client.refused', { session: o.id, code: 'audio_frame_invalid' });
      return reportError('audio_frame_invalid', 'A binary frame must be PCM16 audio: a non-empty, even number of bytes.');
    }
    forwardAudio(data);
  }

  /** Microphone audio, from a binary frame or an input_audio_buffer.append: within the allowance, to the model. */
  function forwardAudio(pcm: Uint8Array) {
    if (budget.audio() && guards.audio(pcm)) model.appendAudio(pcm);
  }

  return {
    id: o.id,
    /** The generation a resume token must carry to reattach. */
    resumeGen: () => resumeGen,
    origin: o.origin,
    /** When the client went away, for a conversation waiting for it to come back; null while attached. */
    detachedSince: () => detachedAt,
    /** Whether this socket is the one the session talks to now. */
    isCurrent: (socket: ClientSocket) => link.isCurrent(socket),
    /** `resumeRefused`: the client asked to resume and could not; it is told why, and this is a new conversation. */
    async start(resumeRefused?: { code: ErrorCode; message: string }) {
      link.sendControl(hello(await o.resumeToken(resumeGen), o.from ? 'reseeded' : 'new'));
      if (resumeRefused) reportError(resumeRefused.code, resumeRefused.message);
      o.log('session.open', { session: o.id, site: o.site.id, upstream: o.upstream.kind, audio: o.audioDown, reseeded: !!o.from, resume_refused: resumeRefused?.code });
      guards.start();
      persist();
      await model.start();
    },
    onText(data: string) {
      if (ended || !guards.message()) return;
      if (data.length > o.limits.maxMessageBytes) return end(CLOSE_CODES.messageTooBig, 'message too big');
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
      // An event_id too long to be an id is refused, and not echoed back either.
      const eventId = typeof m.event_id === 'string' && m.event_id.length <= MAX_EVENT_ID_CHARS ? m.event_id : undefined;
      act(vetClientEvent(m, { maxTextChars: o.limits.maxTextChars, assistantItems }), eventId);
    },
    onBinary,
    /**
     * The client's socket closed. A normal close (1000) ends the conversation;
     * any other (a dropped network, a page navigation) leaves it waiting for
     * the client to come back within the grace window.
     */
    onClientClose(code: number, socket: ClientSocket, protocolViolation = false) {
      // A socket superseded by a resume, or one that closed before it was attached, is not this session's any more.
      if (ended || !link.isCurrent(socket)) return;
      // A client that broke the protocol is not a phone that lost its network: nothing waits for it.
      if (code === CLOSE_CODES.normal || protocolViolation || o.limits.resumeGraceMs <= 0) return end(code, 'client closed', 'client');
      link.detach();
      detachedAt = Date.now();
      o.log('session.detach', { session: o.id, code, grace_ms: o.limits.resumeGraceMs });
      clearTimeout(graceTimer);
      graceTimer = setTimeout(() => end(CLOSE_CODES.goingAway, 'grace window passed', 'client'), o.limits.resumeGraceMs);
    },
    /** A new socket takes this session over, with what it missed since `position`. */
    async reattach(next: ClientSocket, position: ReplayPosition) {
      clearTimeout(graceTimer);
      detachedAt = null;
      resumeGen += 1;
      if (link.attached()) {
        o.log('session.superseded', { session: o.id });
        link.close(CLOSE_CODES.resumedElsewhere, 'resumed elsewhere');
      }
      const token = await o.resumeToken(resumeGen);
      const replay = link.attach(next, position, (info) => hello(token, 'reattached', info));
      o.log('session.resume', { session: o.id, mode: 'reattached', replayed: replay.replayed, complete: replay.complete });
      persist();
    },
    end,
  };
}
