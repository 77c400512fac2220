/**
 * No answer may hang. A response asked for must begin (response.created)
 * within `startMs`, and one that has begun must keep streaming: a gap of
 * `stallMs` with nothing from the service ends it. Either way the session is
 * told once (`onTimeout`), and the watch is clear for the next question.
 */
import type { RealtimeClientEvent, RealtimeServerEvent } from '@contoso-voice/protocol';
import type { Logger } from '../log.js';
import { isHoldingResponse } from './holding-line.js';
export interface ResponseWatchOptions {
  startMs: number;
  stallMs: number;
  /**
   * `responseId`: the response that had begun and then stalled; null when none began. `eventId`: the
   * client's id on the response.create it answers, which an SDK waits to see before it sends another.
   */
  onTimeout(responseId: string | null, eventId: string | undefined): void;
}

export function responseWatch(o: ResponseWatchOptions) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let active: string | null = null;
  let waiting = false;
  let askedBy: string | undefined;

  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(fire, ms);
  };
  function fire() {
    const stalled = active;
    waiting = false;
    active = null;
    o.onTimeout(stalled, askedBy);
  }

  return {
    /** A response.create went to the service. */
    asked(eventId?: string) {
      if (active) return;
      askedBy = eventId;
      waiting = true;
      arm(o.startMs);
    },
    /** The service began a response (not a holding line). */
    began(responseId: string) {
      waiting = false;
      active = responseId;
      arm(o.stallMs);
    },
    /** Anything from the service: a response still streaming is alive. */
    heard() {
      if (active) arm(o.stallMs);
    },
    /** The response ended (done, cancelled or failed). */
    ended(responseId: string) {
      if (active !== null && active !== responseId) return;
      active = null;
      if (!waiting) clearTimeout(timer);
    },
    /** The service refused the request outright: nothing is coming. */
    refused() {
      if (!waiting) return;
      waiting = false;
      if (!active) clearTimeout(timer);
    },
    stop() {
      clearTimeout(timer);
      active = null;
      waiting = false;
    },
  };
}

export type ResponseWatch = ReturnType<typeof responseWatch>;

/** What the shopper reads or hears when an answer did not come, in the shop's language. */
const FALLBACK: Record<string, string> = {
  en: 'Sorry, that took too long. Please ask me again.',
  de: 'Entschuldigung, das hat zu lange gedauert. Bitte fragen Sie noch einmal.',
  fr: 'Désolé, cela a pris trop de temps. Pouvez-vous reposer votre question ?',
  es: 'Lo siento, ha tardado demasiado. Por favor, vuelva a preguntar.',
  it: 'Mi dispiace, ci è voluto troppo tempo. Può chiedere di nuovo?',
  nl: 'Sorry, dat duurde te lang. Wilt u het nog eens vragen?',
  ar: 'عذرًا، استغرق ذلك وقتًا طويلًا. من فضلك اسأل مرة أخرى.',
};

export const fallbackLine = (language: string) => FALLBACK[language.toLowerCase().split('-')[0]!] ?? FALLBACK.en!;

export interface TimeoutDeps {
  sessionId: string;
  language: string;
  log: Logger;
  reportError(code: 'response_timeout', message: string, extra: { event_id?: string }): void;
  sendJson(event: RealtimeServerEvent): void;
  replaceModel(reason: string): void;
}

/** What a session does when an answer did not come. */
export function responseTimedOut(d: TimeoutDeps) {
  return (stalled: string | null, eventId: string | undefined) => {
    d.log('response.timeout', { session: d.sessionId, code: 'response_timeout', began: stalled !== null });
    d.reportError('response_timeout', fallbackLine(d.language), eventId ? { event_id: eventId } : {});
    // A client waiting on the response it saw begin is told it ended, so its next question is not held back.
    if (stalled) {
      d.sendJson({ type: 'response.done', event_id: `gwdone_${stalled}`, response: { object: 'realtime.response', id: stalled, status: 'failed', status_details: { type: 'failed' }, output: [] } } as RealtimeServerEvent);
    }
    // A service that stopped answering gets no second chance: a new model session, re-seeded with the conversation.
    d.replaceModel('response_timeout');
  };
}

/** Sends to the model, watching every request for a response (not a holding line) until it begins. */
export function watchedSend(model: { send(event: RealtimeClientEvent, sent?: () => void): void }, watch: ResponseWatch) {
  return (event: RealtimeClientEvent, onSent?: () => void) =>
    model.send(event, () => {
      if (event.type === 'response.create' && !isHoldingResponse((event as { response?: { metadata?: unknown } }).response)) watch.asked(event.event_id);
      onSent?.();
    });
}
