/**
 * The holding line: what the engine says when the gateway asks it to fill a
 * slow tool round (response.create with conversation "none" and
 * metadata.gateway "holding"). It is said in the shopper's language (answer-language.ts) and, like
 * the service's out-of-band responses, never joins the conversation, so the
 * next answer is planned as if it had not been said.
 */
import type { AudioDeltaMeta } from '../types.js';
import { streamResponse, type ResponseOptions } from './response-stream.js';

const LINES: Record<string, string> = {
  en: 'One moment, let me check that.',
  de: 'Einen Moment, ich sehe kurz nach.',
  fr: 'Un instant, je vérifie.',
  es: 'Un momento, lo compruebo.',
  ar: 'لحظة من فضلك، سأتحقق من ذلك.',
};

export function holdingLine(language: string): string {
  return LINES[language.toLowerCase().split(/[-_]/)[0]!] ?? LINES.en!;
}

/** Whether a response.create asks for the holding line rather than a turn of the conversation. */
export function isHoldingRequest(response: Record<string, unknown>): boolean {
  const metadata = response.metadata as Record<string, unknown> | null | undefined;
  return metadata?.gateway === 'holding' && response.conversation === 'none';
}

export interface HoldingStream {
  language: string;
  options: Omit<ResponseOptions, 'conversationId' | 'outOfBand'>;
  emit(event: Record<string, unknown> & { type: string }): void;
  emitAudio(meta: AudioDeltaMeta, pcm: Uint8Array): void;
  /** The conversation's last item, reported as previous_item_id: the line itself is never added. */
  lastId(): string | null;
  done(): void;
}

/** The holding line as a response with conversation "none": no conversation id, no conversation.item events, nothing kept. */
export function streamHolding(h: HoldingStream) {
  return streamResponse(
    { kind: 'message', text: holdingLine(h.language) },
    { ...h.options, conversationId: null, outOfBand: true },
    { emit: h.emit, emitAudio: h.emitAudio, addItem: h.lastId, done: h.done },
  );
}
