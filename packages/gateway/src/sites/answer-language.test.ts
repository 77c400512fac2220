import { describe, expect, it } from 'vitest';
import { loadSite } from './load-site.js';
import { assistantInstructions } from './assistant-instructions.js';
import { shopView } from '../upstream/local/shop-view.js';

const file = (extra: object) =>
  JSON.stringify({
    id: 'alpen',
    shopName: 'Alpen Outdoor',
    shopUrl: 'https://alpen.test',
    allowedOrigins: ['https://alpen.test'],
    language: 'de-DE',
    catalog: { source: './feed.xml' },
    ...extra,
  });

describe('the answer language', () => {
  it("left open, the model answers in the shopper's language, with the page context's language as the hint", () => {
    const site = loadSite(file({}), 'alpen.json', (s) => s);
    expect(site.answerLanguage).toBeUndefined();
    const text = assistantInstructions(site);
    expect(text).toContain(`Answer in the shopper's language: the one they speak or write in, or else the "language" of the page context;`);
    expect(text).not.toContain('Always answer in');
    // The local engine still reads the shop's language from the same line.
    expect(shopView(text, []).language).toBe('de-DE');
  });

  it('pinned by the site file, the model always answers in it', () => {
    const site = loadSite(file({ answerLanguage: 'fr' }), 'alpen.json', (s) => s);
    const text = assistantInstructions(site);
    expect(text).toContain('Always answer in fr, whatever language the shopper uses');
    expect(text).not.toContain("Answer in the shopper's language");
    expect(shopView(text, []).language).toBe('de-DE');
  });

  it('refuses a pin that is not a language tag, naming the field', () => {
    expect(() => loadSite(file({ answerLanguage: 'French!' }), 'alpen.json', (s) => s)).toThrow(/answerLanguage.*BCP 47/);
  });
});
