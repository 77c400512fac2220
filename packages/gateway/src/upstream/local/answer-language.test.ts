import { describe, expect, it } from 'vitest';
import { answerLanguage } from './answer-language.js';
import { CONTEXT_LABEL } from '../../session/page-context.js';
import type { ConversationItem } from './conversation.js';
import { holdingLine } from './holding.js';

const context = (json: string): ConversationItem => ({ id: `c${json.length}`, type: 'message', role: 'user', source: 'context', text: `${CONTEXT_LABEL}\n${json}` });

describe("the local engine's answer language", () => {
  it("takes the pin, then the page context's language, then the shop's", () => {
    expect(answerLanguage("Always answer in fr, whatever language the shopper uses; the shop's own language is de.", [context('{"language":"es"}')], 'de')).toBe('fr');
    expect(answerLanguage('Answer in the shopper\'s language', [context('{"language":"es"}'), context('{"page":{}}'), context('not json')], 'de')).toBe('es');
    expect(answerLanguage('', [], 'de-DE')).toBe('de-DE');
  });

  it('says its holding line in that language', () => {
    expect(holdingLine(answerLanguage('', [context('{"language":"ar"}')], 'en'))).not.toBe(holdingLine('en'));
  });
});
