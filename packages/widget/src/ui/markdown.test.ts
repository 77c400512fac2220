import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Fragment, type VNode } from 'preact';
import { Markdown } from './markdown.js';
import { safeHref } from './link-policy.js';

/** Markup for a vnode tree, to compare; Markdown is a plain function, so it can be called without a DOM. */
function html(node: unknown): string {
  if (node == null || node === false) return '';
  if (Array.isArray(node)) return node.map(html).join('');
  if (typeof node !== 'object') return String(node).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const v = node as VNode<Record<string, unknown>>;
  if (typeof v.type === 'function' && v.type !== Fragment) return html((v.type as (p: unknown) => unknown)(v.props));
  const { children, ...attrs } = v.props;
  if (v.type === Fragment) return html(children);
  const a = Object.entries(attrs).map(([k, val]) => ` ${k}="${String(val)}"`).join('');
  return `<${String(v.type)}${a}>${html(children)}</${String(v.type)}>`;
}

const md = (text: string, products: { name: string; href: string }[] = [], hosts: string[] = []) => html(Markdown({ text, links: { hosts, products } }));

beforeAll(() => vi.stubGlobal('location', new URL('https://shop.test/tents/')));
afterAll(() => vi.unstubAllGlobals());

describe('the markdown subset', () => {
  it('renders bold, italics, code and paragraphs', () => {
    expect(md('The **Trail 4** is *light* and `waterproof`.\nSecond line\n\nNew paragraph')).toBe(
      '<p>The <strong>Trail 4</strong> is <em>light</em> and <code>waterproof</code>.<br></br>Second line</p><p>New paragraph</p>',
    );
    expect(md('__bold__ and _it_ but snake_case_name and window.__x=1 stay')).toBe('<p><strong>bold</strong> and <em>it</em> but snake_case_name and window.__x=1 stay</p>');
  });

  it('renders bullet and numbered lists, with inline marks inside', () => {
    expect(md('Options:\n- **A** tent\n- B tent\n1. first\n2. second')).toBe(
      '<p>Options:</p><ul><li><strong>A</strong> tent</li><li>B tent</li></ul><ol><li>first</li><li>second</li></ol>',
    );
  });

  it('keeps markup in model text as text', () => {
    const out = md('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(out).toBe('<p>&lt;script>alert(1)&lt;/script> &lt;img src=x onerror=alert(1)></p>');
  });

  it('links only to the page origin and listed https hosts; anything else is its label as text', () => {
    expect(md('[Tents](/tents/)')).toBe('<p><a href="https://shop.test/tents/">Tents</a></p>');
    expect(md('[Click](javascript:alert(1))')).toBe('<p>[Click](javascript:alert(1))</p>');
    expect(md('[Click](javascript:alert)')).toBe('<p>Click</p>');
    expect(md('[Other shop](https://evil.example/x)')).toBe('<p>Other shop</p>');
    expect(md('[Help](https://help.shop.example/a)', [], ['*.shop.example'])).toBe(
      '<p><a href="https://help.shop.example/a" target="_blank" rel="noopener noreferrer">Help</a></p>',
    );
    expect(md('[Plain](http://help.shop.example/a)', [], ['help.shop.example'])).toBe('<p>Plain</p>');
    expect(md('[Data](data:text/html,hi)')).toBe('<p>Data</p>');
  });

  it('links product names from the shown cards, longest name first, in any case', () => {
    const products = [
      { name: 'Trail Tent', href: 'https://shop.test/p/1' },
      { name: 'Trail Tent 4', href: 'https://shop.test/p/4' },
    ];
    expect(md('The trail tent 4 beats the Trail Tent.', products)).toBe(
      '<p>The <a href="https://shop.test/p/4">trail tent 4</a> beats the <a href="https://shop.test/p/1">Trail Tent</a>.</p>',
    );
  });
});

describe('safeHref', () => {
  it('refuses other schemes and unparsable links', () => {
    expect(safeHref('vbscript:x', [])).toBeNull();
    expect(safeHref('http://[bad', [])).toBeNull();
    expect(safeHref('//shop.test/a', [])).toBe('https://shop.test/a');
  });
});
