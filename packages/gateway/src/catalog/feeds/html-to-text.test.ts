import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-to-text.js';

describe('htmlToText', () => {
  it('strips tags, decodes entities and collapses whitespace', () => {
    const html = '<p>Light &amp; fast.</p>\n<ul><li>Carbon&nbsp;frame</li><li>11&#8209;speed &#x2014; Shimano</li></ul><br/>Caf&eacute; &lt;3';
    expect(htmlToText(html)).toBe('Light & fast. Carbon frame 11‑speed — Shimano Café <3');
  });

  it('joins words split by inline tags and separates block elements', () => {
    expect(htmlToText('<b>Vé</b>lo<div>Léger</div>')).toBe('Vélo Léger');
  });

  it('drops scripts, styles and comments', () => {
    expect(htmlToText('<style>p{color:red}</style>Hi<script>alert("x")</script> there<!-- note -->')).toBe('Hi there');
    expect(htmlToText('Before<script>never closed')).toBe('Before');
  });

  it('keeps non-English text and unknown entities as written', () => {
    expect(htmlToText('<p>Fahrradschloss für Kinder – 自転車 &madeup;</p>')).toBe('Fahrradschloss für Kinder – 自転車 &madeup;');
  });

  it('stays linear on hostile markup', () => {
    const hostile = '<'.repeat(50_000) + '<script'.repeat(10_000) + '<a' + 'a'.repeat(100_000);
    const started = performance.now();
    htmlToText(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
