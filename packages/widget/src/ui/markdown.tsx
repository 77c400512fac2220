/**
 * The markdown a model writes, as Preact nodes and never as HTML: bold,
 * italics, inline code, bullet and numbered lists, paragraphs and links.
 * Model text only ever becomes text nodes, so a `<script>` in it is shown,
 * not run. Links pass link-policy.ts; names of products on the shown cards
 * become links to their pages.
 */
import type { ComponentChildren } from 'preact';
import { safeHref } from './link-policy.js';

export interface MarkdownLinks {
  /** Hosts besides the page's own that links may point to; the site's `linkHosts` when left out. */
  hosts?: readonly string[];
  /** Product names to link, with their pages. */
  products: readonly { name: string; href: string }[];
}

// Underscores only open and close at word edges, as in CommonMark: `window.__x` and snake_case stay text.
const INLINE = /\*\*(.+?)\*\*|(?<![\w.])__(?=\S)(.+?)__(?!\w)|\*(?=\S)(.+?)\*|(?<![\w.])_(?=\S)(.+?)_(?!\w)|`([^`]+)`|\[([^\]]+)\]\(([^()\s]+)\)/g;
const LIST_ITEM = /^\s*(?:[-*•]|(\d+)[.)])\s+(.*)$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function named(text: string, links: MarkdownLinks): ComponentChildren[] {
  const products = links.products.filter((p) => p.name.length > 2);
  if (!products.length) return [text];
  // Longest first, so "Trail Tent 4" wins over "Trail Tent".
  const byName = new Map(products.map((p) => [p.name.toLowerCase(), p.href]));
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escape);
  return text.split(new RegExp(`(${names.join('|')})`, 'i')).map((part, i) => (i % 2 ? <a href={byName.get(part.toLowerCase())}>{part}</a> : part));
}

export function inline(text: string, links: MarkdownLinks): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(...named(text.slice(last, m.index), links));
    const [, strong1, strong2, em1, em2, code, label, href] = m;
    const inner = strong1 ?? strong2 ?? em1 ?? em2;
    if (strong1 ?? strong2) out.push(<strong>{inline(inner!, links)}</strong>);
    else if (inner) out.push(<em>{inline(inner, links)}</em>);
    else if (code) out.push(<code>{code}</code>);
    else {
      const safe = safeHref(href!, links.hosts);
      const external = safe && new URL(safe).origin !== location.origin;
      out.push(safe ? <a href={safe} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>{label}</a> : label);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...named(text.slice(last), links));
  return out;
}

/** Blocks: runs of list lines become one list; other lines are paragraphs, blank lines between them. */
export function Markdown({ text, links }: { text: string; links: MarkdownLinks }) {
  const blocks: ComponentChildren[] = [];
  // One object, not a nullable `let`: TypeScript loses a variable's type across the closures below.
  const list: { ordered: boolean; items: ComponentChildren[] } = { ordered: false, items: [] };
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push(<p>{para.flatMap((line, i) => (i ? [<br />, ...inline(line, links)] : inline(line, links)))}</p>);
    para = [];
  };
  const flushList = () => {
    if (list.items.length) blocks.push(list.ordered ? <ol>{list.items}</ol> : <ul>{list.items}</ul>);
    list.items = [];
  };
  for (const line of text.split('\n')) {
    const item = LIST_ITEM.exec(line);
    if (item) {
      flushPara();
      const ordered = !!item[1];
      if (list.ordered !== ordered) flushList();
      list.ordered = ordered;
      list.items.push(<li>{inline(item[2]!, links)}</li>);
    } else if (line.trim()) {
      flushList();
      para.push(line);
    } else {
      flushList();
      flushPara();
    }
  }
  flushList();
  flushPara();
  return <>{blocks}</>;
}
