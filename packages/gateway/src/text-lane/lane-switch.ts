/**
 * Which model session answers: the text lane while the shopper only types,
 * the realtime one from the first microphone audio until `quietMs` after
 * the last. Each switch happens between turns and opens the other lane
 * fresh, seeded from the gateway's record (the same set-up a re-dialled
 * realtime session gets), so both lanes answer from one conversation. The
 * realtime socket is dialled only when voice starts and closed when typing
 * takes over again. A lane that is down hands its turn to the other when
 * the site allows it.
 */
import type { RealtimeClientEvent, RealtimeServerEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import { upstreamLink, type UpstreamLinkOptions } from '../session/upstream-link.js';
import { CONTEXT_LABEL } from '../session/page-context.js';
import { isHoldingResponse } from '../session/holding-line.js';
import { textConversation, type TextConversation } from './text-conversation.js';
import type { TextModel } from './text-model.js';
import type { SiteTextModel } from './site-text-model.js';

export type Lane = 'text' | 'realtime';

export interface LaneSwitchOptions {
  /** The realtime link's options, as the session would give upstreamLink. */
  link: UpstreamLinkOptions;
  model: TextModel;
  settings: SiteTextModel;
  /** The model a typed turn goes to now (the budget may pick a cheaper one). */
  modelName(): string;
  usage(model: string, usage: unknown): void;
  /** Lane changes, for the log and the tests: `why` says what moved it. */
  onSwitch?(lane: Lane, why: string): void;
  now?(): number;
}

type Event = Record<string, any> & { type: string };

/** Once the text model has failed, typed turns stay on the realtime lane this long before it is tried again. */
const TEXT_RETRY_MS = 30_000;

export function laneSwitch(o: LaneSwitchOptions) {
  const log: Logger = o.link.log;
  const session = o.link.sessionId;
  const now = o.now ?? Date.now;
  let lane: Lane = 'text';
  let text: TextConversation | null = null;
  let realtime: ReturnType<typeof upstreamLink> | null = null;
  let realtimeBusy = false;
  let lastAudioAt = -Infinity;
  let textDownUntil = -Infinity;
  let closed = false;
  // The page's latest context note: a freshly opened lane gets it after the record, as the old one had it.
  let pageContext: RealtimeClientEvent | null = null;
  // Sent to a realtime link still dialling, not yet on the wire: a realtime lane that cannot be reached hands them to the text lane.
  const unsent = new Set<{ event: RealtimeClientEvent; sent?: () => void }>();

  function openText() {
    text?.close();
    const conv = textConversation({
      model: o.model,
      modelName: o.modelName,
      sessionId: session,
      log,
      // A retired conversation still delivers what it queued before its close (a cancelled answer's response.done).
      emit: (e) => !closed && o.link.onEvent(e as unknown as RealtimeServerEvent),
      usage: o.usage,
      down: (request) => conv === text && textDown(request),
    });
    text = conv;
    for (const e of o.link.setup()) conv.send(e as Event);
    if (pageContext) conv.send(pageContext as Event);
  }

  function openRealtime() {
    realtimeBusy = false;
    const link = upstreamLink({
      ...o.link,
      onEvent(e) {
        if (link !== realtime) return;
        const r = (e as { response?: { metadata?: unknown } }).response;
        if (e.type === 'response.created' && !isHoldingResponse(r)) realtimeBusy = true;
        if (e.type === 'response.done' && !isHoldingResponse(r)) realtimeBusy = false;
        o.link.onEvent(e);
      },
      onAudio: (meta, pcm) => link === realtime && o.link.onAudio(meta, pcm),
      setup: () => (pageContext ? [...o.link.setup(), pageContext] : o.link.setup()),
      onUnavailable: () => (link === realtime ? realtimeDown() : undefined),
    });
    realtime = link;
    void link.start();
  }

  function switchTo(next: Lane, why: string) {
    if (lane === next && (next === 'text' ? text : realtime)) return;
    const from = lane;
    lane = next;
    log('lane.switch', { session, from, to: next, why });
    // The new model session knows none of the old one's item or call ids.
    o.link.onDropped?.();
    if (next === 'realtime') {
      const old = text;
      text = null;
      // Its last events (a cancelled answer's response.done) are already queued: they go out before the close.
      if (old) queueMicrotask(() => old.close());
      openRealtime();
    } else {
      realtime?.close();
      realtime = null;
      unsent.clear();
      openText();
    }
    o.onSwitch?.(next, why);
  }

  function voiceStarts() {
    if (lane === 'realtime') return;
    // Never two answers at once: the typed one ends before the realtime session hears the shopper.
    if (text?.busy()) text.cancelForVoice();
    switchTo('realtime', 'voice');
  }

  /** A typed turn while voice is quiet goes back to the text lane. */
  function typedTurn() {
    if (lane === 'text' || realtimeBusy) return;
    if (now() - lastAudioAt < o.settings.quietMs || now() < textDownUntil) return;
    switchTo('text', 'typed');
  }

  function textDown(request: Event): boolean {
    textDownUntil = now() + Math.max(TEXT_RETRY_MS, o.settings.quietMs);
    if (!o.settings.fallback) return false;
    log('lane.fallback', { session, from: 'text', to: 'realtime', reason: 'text_model_unavailable' });
    switchTo('realtime', 'fallback');
    realtime!.send(request as RealtimeClientEvent);
    return true;
  }

  function realtimeDown() {
    const waiting = [...unsent];
    unsent.clear();
    if (!o.settings.fallback || !waiting.length) return o.link.onUnavailable();
    log('lane.fallback', { session, from: 'realtime', to: 'text', reason: 'realtime_unavailable' });
    // The shopper's microphone audio has nowhere to go: the realtime lane is tried again on the next audio.
    lastAudioAt = -Infinity;
    switchTo('text', 'fallback');
    for (const w of waiting) send(w.event, w.sent);
  }

  function send(event: RealtimeClientEvent, sent?: () => void) {
    if (closed) return;
    const e = event as unknown as Event;
    const item = e.item as { id?: string; role?: string; content?: { text?: string }[] } | undefined;
    if (e.type === 'conversation.item.create' && item?.role === 'user') {
      if (item.id?.startsWith('gwctx_') && item.content?.[0]?.text?.startsWith(CONTEXT_LABEL)) pageContext = event;
      else typedTurn();
    }
    // Push-to-talk's commit and clear are voice.
    if (e.type.startsWith('input_audio_buffer.')) voiceStarts();
    if (lane === 'text') {
      if (!text) openText();
      text!.send(e);
      return sent?.();
    }
    if (!realtime) openRealtime();
    if (realtime!.isOpen()) return realtime!.send(event, sent);
    const entry = { event, sent };
    unsent.add(entry);
    realtime!.send(event, () => {
      unsent.delete(entry);
      sent?.();
    });
  }

  return {
    /** The lane typed turns and audio go to now. */
    lane: () => lane,
    // Events the client sent before its greeting may have opened the text lane already.
    start: async () => {
      if (lane === 'text' && !text) openText();
    },
    send,
    appendAudio(pcm: Uint8Array) {
      if (closed) return;
      lastAudioAt = now();
      voiceStarts();
      realtime!.appendAudio(pcm);
    },
    isOpen: () => (lane === 'text' ? text !== null : !!realtime?.isOpen()),
    /** The answer did not come (the response watch): the lane in use starts over, seeded again. */
    replace(reason: string) {
      if (lane === 'realtime') return realtime?.replace(reason);
      log('upstream.replaced', { session, reason, lane: 'text' });
      o.link.onDropped?.();
      openText();
    },
    close() {
      closed = true;
      text?.close();
      realtime?.close();
      text = realtime = null;
      unsent.clear();
    },
  };
}

export type LaneSwitch = ReturnType<typeof laneSwitch>;
