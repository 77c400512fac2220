import { SAMPLE_RATE } from '@contoso-voice/protocol';

/**
 * The truncate a barge-in sends: the item keeps only the audio the shopper
 * heard, which is what was played, and never more than was received.
 */
export function truncateEvent(itemId: string, playedSamples: number, receivedSamples: number) {
  const heard = Math.max(0, Math.min(playedSamples, receivedSamples));
  return { type: 'conversation.item.truncate' as const, item_id: itemId, content_index: 0, audio_end_ms: Math.floor((heard * 1000) / SAMPLE_RATE) };
}
