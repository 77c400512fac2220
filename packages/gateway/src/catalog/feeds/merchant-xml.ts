import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { rowLimitSkip } from './catalog-builder.js';
import { FeedError } from './feed-error.js';
import { decodeHtmlEntities } from './html-entities.js';
import { merchantAttribute, type MerchantFields, type MerchantRecord } from './merchant-attributes.js';
import type { MerchantRows } from './merchant-feed.js';

/** preserveOrder's node: `{ tag: children }`, with attributes under `:@`. */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

const parser = new XMLParser({
  // Every value stays a string: ids like 00123 and GTINs must not become numbers.
  parseTagValue: false,
  // Only Atom's <link href="…"/> carries data in an attribute.
  ignoreAttributes: (name) => name !== 'href',
  attributeNamePrefix: '@',
  // Entities are decoded below, only in the values we read, which is
  // cheaper than the parser's decoder running over every text node.
  processEntities: false,
  jPath: false,
  // The parser's raw tree, without its second pass into plain objects: a
  // fifth less work on a large feed, and repeated elements stay in order.
  preserveOrder: true,
});

/** Atom names the description differently; RSS and g: names win when both are there. */
const ATOM_ALIASES = new Map([
  ['summary', 'description'],
  ['content', 'description'],
]);

/**
 * Items of a Merchant RSS 2.0 feed (`<rss><channel><item>` with g:
 * elements) or an Atom one (`<feed><entry>`), as rows numbered from 1.
 * Broken XML throws: a half-downloaded feed must not replace a good catalog.
 */
export function readMerchantXml(text: string, maxRows: number): MerchantRows {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new FeedError(`The XML feed is broken at line ${line}, column ${col}: ${msg}`);
  }
  let doc: XmlNode[];
  try {
    doc = parser.parse(text) as XmlNode[];
  } catch (error) {
    throw new FeedError(`The XML feed could not be read: ${(error as Error).message}`);
  }
  const items = feedItems(doc);
  const records: MerchantRecord[] = [];
  for (let i = 0; i < Math.min(items.length, maxRows); i++) records.push({ row: i + 1, fields: itemFields(items[i] as XmlNode[]) });
  return { records, skipped: items.length > maxRows ? [rowLimitSkip(maxRows + 1, maxRows)] : [] };
}

function feedItems(doc: XmlNode[]): XmlNode[][] {
  const rss = childrenNamed(doc, 'rss')[0];
  if (rss) {
    const channel = childrenNamed(rss, 'channel')[0];
    if (!channel) throw new FeedError('The XML feed has <rss> but no <channel>');
    return childrenNamed(channel, 'item');
  }
  const feed = childrenNamed(doc, 'feed')[0];
  if (feed) return childrenNamed(feed, 'entry');
  throw new FeedError('The XML is neither an RSS 2.0 (<rss><channel><item>) nor an Atom (<feed><entry>) product feed');
}

function childrenNamed(nodes: XmlNode[], tag: string): XmlNode[][] {
  const out: XmlNode[][] = [];
  for (const node of nodes) {
    const children = node[tag];
    if (Array.isArray(children)) out.push(children as XmlNode[]);
  }
  return out;
}

function itemFields(children: XmlNode[]): MerchantFields {
  const fields: MerchantFields = {};
  const prefixed = new Set<string>();
  const seenUnprefixed = new Set<string>();
  for (const node of children) {
    const element = elementName(node);
    if (!element) continue;
    const name = merchantAttribute(ATOM_ALIASES.get(element) ?? element);
    if (!name) continue;
    const isPrefixed = element.charCodeAt(1) === 58 /* : */ && (element[0] === 'g' || element[0] === 'G');
    // g:title beats RSS's own title: the first g: value replaces any unprefixed ones.
    if (isPrefixed && !prefixed.has(name)) {
      prefixed.add(name);
      if (seenUnprefixed.has(name)) delete fields[name];
    } else if (!isPrefixed) {
      if (prefixed.has(name)) continue;
      seenUnprefixed.add(name);
    }
    const value = nodeText(node, element);
    if (value !== undefined) (fields[name] ??= []).push(value);
  }
  return fields;
}

/** The tag of a preserveOrder node: its one key that is not the attribute holder. */
function elementName(node: XmlNode): string | undefined {
  for (const key in node) if (key !== ':@' && key !== '#text') return key;
  return undefined;
}

function nodeText(node: XmlNode, element: string): string | undefined {
  const href = node[':@']?.['@href'];
  if (typeof href === 'string') return decoded(href);
  let text = '';
  for (const child of node[element] as XmlNode[]) {
    const part = child['#text'];
    if (typeof part === 'string') text += part;
  }
  return decoded(text);
}

function decoded(text: string): string {
  return text.includes('&') ? decodeHtmlEntities(text) : text;
}
