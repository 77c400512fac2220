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
import { clientInbox } from './client-inbox.js';
import { defaultTunables, forcedSessionUpdate } from './session-config.js';
import { createToolRunner } from './tool-runner.js';
import { clientActions } from './client-actions.js';
import { pageCalls } from './page-calls.js';
import { cartUndo } from './cart-undo.js';
import { recordSaver } from './record-saver.js';
import { responseTimedOut, responseWatch, watchedSend } from './response-watch.js';
import { audioDown } from './audio-down.js';
import { itemRecord } from './item-record.js';
import { errorEvents, type ErrorDetail } from './error-events.js';
import { synthesizedSessionCreated } from './session-created.js';
import { sessionGuards } from './session-guards.js';
import { clientLink } from './client-link.js';
import { modelLanes, type TextLaneSetup } from '../text-lane/model-lanes.js';
import { conversationRecorder, reseedEvents } from './conversation-record.js';
import { upstreamEventHandler } from './upstream-events.js';
import { modelBudget } from './model-budget.js';
import { sessionHello } from './session-hello.js';
import type { ReplayPosition } from './replay-buffer.js';
import type { SessionRecord, SessionStateStore } from './state-store.js';
import { conversationActivity } from '../webhooks/conversation-activity.js';
import type { EndedConversation } from '../webhooks/conversation-report.js';
import { closingGate, sessionSpend } from '../usage/session-spend.js';
import type { GatewayUsage } from '../usage/gateway-usage.js';

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
  /** The site's text model: typed turns go there while the shopper is not talking (text-lane/). */
  textLane?: TextLaneSetup;
  /** The conversation has ended for good, with what it did (its site's webhook hears of it). Must not throw or wait. */
  conversationEnded?(ended: EndedConversation): void;
  /** Prices and budgets; the default price table and no budget ledger when absent. */
  usage?: GatewayUsage;
}

const MAX_TRACKED_ITEMS = 512;

export type Session = ReturnType<typeof createSession>;

export function createSession(o: SessionOptions) {
  const startedAt = Date.now();
  let ended = false;
  let tunables = defaultTunables(o.site);
  let audioStarted = false;
  const assistantItems = new Set<string>();
  const clientEventIds = new Set<string>();
  let contextCount = 0;
  let seedRound = 0;
  let resumeGen = (o.from?.resumeGen ?? 0) + 1;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let detachedAt: number | null = null;
  const forcedUpdate = () => forcedSessionUpdate(o.site, o.tools, tunables, o.limits);
  const recorder = conversationRecorder(o.from ? [...o.from.conversation] : []);
  const items = itemRecord();
  // Tools called and cart changes, for the webhook record.
  const activity = conversationActivity();
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
      if (error.code !== 'client_too_slow') reportError(error.code, error.message);
      end(closeCode, reason);
    },
    bufferedAmount: () => link.bufferedAmount(),
  });

  const sendJson = (event: RealtimeServerEvent | GatewayServerEvent) => {
    if (!ended && guards.canSend()) link.sendEvent(JSON.stringify(event));
  };

  const errorPair = errorEvents(o.id.slice(0, 8));
  function reportError(code: ErrorCode, message: string, extra: ErrorDetail = {}) {
    for (const event of errorPair(code, message, extra)) sendJson(event as GatewayServerEvent);
  }

  // Usage, cost and budgets (usage/): near a cap the model is told to wrap up; at one it says goodbye and the session closes.
  const spend = sessionSpend(o, { sendUpstream: (event) => toModel(event), gatewayItemId: () => gatewayItemId(), reportError, end });
  const model = modelLanes({
    upstream: o.upstream,
    sessionId: o.id,
    log: o.log,
    maxPending: o.limits.maxPendingEvents,
    onEvent: (event) => onUpstreamEvent(event),
    onAudio: (meta, pcm) => relayAudio(meta, pcm, null),
    setup: () => [forcedUpdate(), ...reseedEvents(recorder.entries, `${o.id.slice(0, 8)}_${++seedRound}`)],
    onDropped() {
      items.reseeded();
      tools.reseeded();
    },
    onRestored() {
      sendJson({ type: 'gateway.notice', code: 'reseeded', message: 'The assistant reconnected and still has the conversation.', seconds_left: 0 });
    },
    onUnavailable: () => reportError('upstream_unavailable', 'The assistant is unavailable right now. You can keep typing; it will try again.'),
    onOverflow: () => reportError('upstream_unavailable', 'The assistant is still connecting; please wait a moment.'),
  }, o.site.id, o.textLane, (name, usage) => void spend.record(name, usage, 'text'));

  const watch = responseWatch({
    startMs: o.limits.responseStartTimeoutMs,
    stallMs: o.limits.responseStallTimeoutMs,
    onTimeout: responseTimedOut({ sessionId: o.id, language: o.site.language, log: o.log, reportError, sendJson, replaceModel: (why) => model.replace(why) }),
  });
  const toModel = watchedSend(model, watch);

  const gatewayItemId = () => `gwctx_${o.id.slice(0, 8)}_${++contextCount}`;
  const calls = pageCalls(o.limits.maxToolResultBytes);
  const undo = cartUndo(gatewayItemId, (line) => activity.pageDid('remove_from_cart', line, 'undo'));
  const tools = createToolRunner({
    tools: o.tools,
    context: { site: o.site, catalog: o.catalog, publicOrigin: o.publicOrigin, sessionId: o.id },
    timeoutMs: o.limits.toolTimeoutMs,
    maxCallsPerResponse: o.limits.maxToolCallsPerResponse,
    maxRoundsPerTurn: o.limits.maxToolRoundsPerTurn,
    holdingLineMs: o.limits.toolHoldingLineMs,
    mayRespond: () => gated.response(),
    page: { send: (event) => sendJson(event), calls },
    showOutput: (callId, name, output) => sendJson({ type: 'gateway.tool_output', call_id: callId, name, output }),
    pageDid: (name, callId, args) => {
      activity.pageDid(name, args);
      if (name === 'add_to_cart') undo.added(callId, args);
    },
    log: activity.watch(o.log),
    sessionId: o.id,
    sendUpstream: (event) => toModel(event),
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
  const gated = closingGate(budget, spend, reportError);

  const onUpstreamEvent = upstreamEventHandler({
    sessionId: o.id,
    log: o.log,
    tools,
    recorder,
    items,
    watch,
    assistantItem: (id) => remember(assistantItems, id),
    userTurn: () => tools.userTurn(),
    responseBegun: () => {
      tools.responseBegun();
      budget.responseBegun();
    },
    persist: () => persist(),
    relayAudio: (meta, base64) => relayAudio(meta, null, base64),
    relay: (event) => !ended && sendJson(event),
    reportError: (code, message, extra) => !ended && reportError(code, message, extra),
    sentByClient: (eventId) => clientEventIds.has(eventId),
    usage: spend,
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
    watch.stop();
    tools.clear();
    model.close();
    if (by === 'gateway') link.close(code, reason);
    else link.detach();
    spend.stop();
    o.log('session.close', { session: o.id, site: o.site.id, code, by, ms: Date.now() - startedAt, ...spend.closeFields() });
    const reseeds = (o.from?.reseeds ?? 0) + (o.from ? 1 : 0);
    o.conversationEnded?.({ conversationId: o.id, siteId: o.site.id, startedAt: o.from?.createdAt ?? startedAt, endedAt: Date.now(), close: { code, by, reason }, reseeds, entries: recorder.entries, activity, usage: spend.totals() });
    o.onEnd();
  }

  const toClientAudio = audioDown({ mode: o.audioDown, canSend: () => guards.canSend(), sendBinary: (pcm) => link.sendAudio(pcm), sendJson });
  function relayAudio(meta: AudioDeltaMeta, pcm: Uint8Array | null, base64: string | null) {
    if (ended) return;
    audioStarted = true;
    toClientAudio(meta, pcm, base64);
  }

  const act = clientActions({
    sessionId: o.id,
    limits: o.limits,
    log: o.log,
    budget: gated,
    tools,
    recorder,
    pageCalls: calls,
    undo,
    items,
    send: (event) => sendJson(event as GatewayServerEvent),
    sendUpstream: (event, onSent) => toModel(event, onSent),
    forwardAudio,
    activity: () => guards.activity(),
    persist,
    reportError,
    tunables: { get: () => tunables, set: (t) => (tunables = t), audioStarted: () => audioStarted, sendForced: () => model.send(forcedUpdate()) },
    gatewayItemId,
    pushToTalk: o.site.pushToTalk,
  });

  const helloFacts = { sessionId: o.id, siteId: o.site.id, upstream: o.upstream.kind, audioDown: o.audioDown, limits: o.limits, analytics: o.site.analytics };
  // Every socket hears session.created first and gateway.session next, as a standard client expects; what it sent before waits for them.
  const greeting = (token: string, resumed: GatewaySessionEvent['resumed'], replay?: { replayed: number; complete: boolean }) => [
    synthesizedSessionCreated(forcedUpdate(), o.id, resumeGen),
    sessionHello(helloFacts, token, resumed, replay),
  ];
  const inbox = clientInbox({
    sessionId: o.id,
    limits: o.limits,
    log: o.log,
    ended: () => ended,
    admit: () => guards.message(),
    end: (code, reason) => end(code, reason),
    reportError: (code, message) => reportError(code, message),
    act,
    audio: (pcm) => forwardAudio(pcm),
    assistantItems,
    rememberEventId: (id) => remember(clientEventIds, id),
  });

  /** Microphone audio, from a binary frame or an input_audio_buffer.append: within the allowance, to the model. */
  function forwardAudio(pcm: Uint8Array) {
    if (!gated.audio() || !guards.audio(pcm)) return;
    spend.heard(pcm.byteLength);
    model.appendAudio(pcm);
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
      for (const g of greeting(await o.resumeToken(resumeGen), o.from ? 'reseeded' : 'new')) link.sendControl(g);
      if (resumeRefused) reportError(resumeRefused.code, resumeRefused.message);
      inbox.greeted();
      o.log('session.open', { session: o.id, site: o.site.id, upstream: o.upstream.kind, audio: o.audioDown, reseeded: !!o.from, resume_refused: resumeRefused?.code });
      guards.start();
      persist();
      await model.start();
    },
    onText: inbox.onText,
    onBinary: inbox.onBinary,
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
      calls.pause();
      detachedAt = Date.now();
      o.log('session.detach', { session: o.id, code, grace_ms: o.limits.resumeGraceMs });
      clearTimeout(graceTimer);
      graceTimer = setTimeout(() => end(CLOSE_CODES.goingAway, 'grace window passed', 'client'), o.limits.resumeGraceMs);
    },
    /** A new socket takes this session over, with what it missed since `position`. */
    async reattach(next: ClientSocket, position: ReplayPosition) {
      inbox.greeting();
      clearTimeout(graceTimer);
      detachedAt = null;
      resumeGen += 1;
      if (link.attached()) {
        o.log('session.superseded', { session: o.id });
        link.close(CLOSE_CODES.resumedElsewhere, 'resumed elsewhere');
      }
      const token = await o.resumeToken(resumeGen);
      const replay = link.attach(next, position, (info) => greeting(token, 'reattached', info));
      calls.resume();
      inbox.greeted();
      o.log('session.resume', { session: o.id, mode: 'reattached', replayed: replay.replayed, complete: replay.complete });
      persist();
    },
    end,
  };
}
