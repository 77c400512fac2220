/**
 * The language the local engine's own lines (the holding line) are said in,
 * read as a model would: a pin in the instructions, else the language the
 * latest page context gives for the shopper, else the shop's.
 */
import { CONTEXT_LABEL } from '../../session/page-context.js';
import type { ConversationItem } from './conversation.js';

const PINNED = /^Always answer in ([A-Za-z0-9-]+),/m;

export function answerLanguage(instructions: string, items: readonly ConversationItem[], shopLanguage: string): string {
  const pinned = PINNED.exec(instructions)?.[1];
  if (pinned) return pinned;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    if (item.type !== 'message' || item.role !== 'user' || item.source !== 'context' || !item.text.startsWith(CONTEXT_LABEL)) continue;
    try {
      const language = (JSON.parse(item.text.slice(CONTEXT_LABEL.length)) as { language?: unknown }).language;
      if (typeof language === 'string' && language) return language;
    } catch {
      // Context that is not JSON says nothing about the language; an earlier one may.
    }
  }
  return shopLanguage;
}
