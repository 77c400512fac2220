import { decodeHtmlEntities } from './html-entities.js';

/** Elements whose content is code or styling, never product copy. */
const HIDDEN_ELEMENTS = ['script', 'style', 'template'];
/** Inline elements join words (`<b>Vé</b>lo`); every other tag separates them. */
const INLINE_ELEMENTS = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'em', 'font', 'i', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'var', 'wbr']);
/**
 * `[^<>]*` stops at the next `<` and the lookahead stops the name from
 * backtracking, so unclosed or endless tags keep the scan linear.
 */
const TAG = /<\/?([a-zA-Z][a-zA-Z\d-]*)(?![a-zA-Z\d-])[^<>]*>|<![^<>]*>|<\?[^<>]*>/g;

/**
 * Shop HTML (Shopify's body_html, a description with markup) as the plain
 * text the assistant reads out: tags stripped, entities decoded, all
 * whitespace collapsed to single spaces. No DOM, so it runs on workerd.
 */
export function htmlToText(html: string): string {
  const visible = HIDDEN_ELEMENTS.reduce(dropElement, html);
  const untagged = visible.replace(TAG, (_tag, name?: string) => (name && INLINE_ELEMENTS.has(name.toLowerCase()) ? '' : ' '));
  return collapseWhitespace(decodeHtmlEntities(untagged));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** indexOf rather than a lazy regex: an unclosed `<script` must not make the scan quadratic. */
function dropElement(html: string, name: string): string {
  const lower = html.toLowerCase();
  const open = `<${name}`;
  const close = `</${name}`;
  let out = '';
  let from = 0;
  for (let start = lower.indexOf(open); start >= 0; start = lower.indexOf(open, from)) {
    out += `${html.slice(from, start)} `;
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return out;
    const gt = lower.indexOf('>', end);
    from = gt < 0 ? html.length : gt + 1;
  }
  return out + html.slice(from);
}
