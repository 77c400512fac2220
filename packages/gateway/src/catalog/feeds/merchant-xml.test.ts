import { describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.js';
import { parseCatalog } from './parse-catalog.js';

const rss = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Velo Shop</title>\n${items}\n</channel>\n</rss>`;

const LOCK = `<item>
  <g:id>LOCK-7</g:id>
  <title>Fahrradschloss für Kinder</title>
  <description><![CDATA[<p>Leicht &amp; bunt. Für Räder bis 24&#8243;.</p>]]></description>
  <link>https://velo.example/de/schloss-7</link>
  <g:image_link>https://velo.example/img/schloss-7.jpg</g:image_link>
  <g:additional_image_link>https://velo.example/img/schloss-7-b.jpg</g:additional_image_link>
  <g:additional_image_link>https://velo.example/img/schloss-7-c.jpg</g:additional_image_link>
  <g:price>14,90 EUR</g:price>
  <g:availability>in stock</g:availability>
  <g:brand>Vélo Léger</g:brand>
  <g:product_type>Zubehör &gt; Schlösser</g:product_type>
  <g:google_product_category>Sporting Goods &gt; Outdoor Recreation &gt; Cycling &gt; Bicycle Accessories &gt; Bicycle Locks</g:google_product_category>
  <g:gtin>04012345678901</g:gtin>
  <g:color>Pink</g:color>
  <g:age_group>kids</g:age_group>
</item>`;

describe('Merchant RSS 2.0', () => {
  it('reads an item into a product, keeping accents and non-English text', () => {
    const { products, skipped } = parseCatalog(rss(LOCK), {});
    expect(skipped).toEqual([]);
    expect(products).toEqual([
      {
        id: 'LOCK-7',
        name: 'Fahrradschloss für Kinder',
        description: 'Leicht & bunt. Für Räder bis 24″.',
        brand: 'Vélo Léger',
        categoryPath: ['Zubehör', 'Schlösser'],
        price: 14.9,
        currency: 'EUR',
        availability: 'in_stock',
        image: 'https://velo.example/img/schloss-7.jpg',
        url: 'https://velo.example/de/schloss-7',
        tags: ['Sporting Goods', 'Outdoor Recreation', 'Cycling', 'Bicycle Accessories', 'Bicycle Locks', 'kids', 'Pink'],
        variants: [],
      },
    ]);
  });

  it('keeps ids as strings and prefers g:title over the RSS title', () => {
    const item = '<item><g:id>00123</g:id><title>RSS title</title><g:title>Merchant title</g:title><g:price>5 USD</g:price><g:availability>in_stock</g:availability></item>';
    const [product] = parseCatalog(rss(item), {}).products;
    expect(product?.id).toBe('00123');
    expect(product?.name).toBe('Merchant title');
  });

  it('falls back to an additional image and ignores a numeric google_product_category', () => {
    const item = '<item><g:id>a</g:id><title>A</title><g:price>5 USD</g:price><g:availability>in_stock</g:availability><g:additional_image_link>https://x.example/b.jpg</g:additional_image_link><g:google_product_category>3070</g:google_product_category></item>';
    const [product] = parseCatalog(rss(item), {}).products;
    expect(product?.image).toBe('https://x.example/b.jpg');
    expect(product?.tags).toEqual([]);
  });

  it('ignores elements named like Object methods', () => {
    const item = '<item><g:id>a</g:id><title>A</title><g:price>5 USD</g:price><g:availability>in_stock</g:availability><toString>z</toString><hasOwnProperty>y</hasOwnProperty></item>';
    expect(parseCatalog(rss(item), {}).products).toHaveLength(1);
  });

  it('refuses, as fast-xml-parser does, an element that could pollute prototypes', () => {
    const item = '<item><g:id>a</g:id><title>A</title><g:price>5 USD</g:price><g:availability>in_stock</g:availability><constructor>x</constructor></item>';
    expect(() => parseCatalog(rss(item), {})).toThrow(/could not be read: .*constructor/);
  });

  it('drops links with a scheme other than http(s)', () => {
    const item = '<item><g:id>a</g:id><title>A</title><g:price>5 USD</g:price><g:availability>in_stock</g:availability><link>javascript:alert(1)</link></item>';
    expect(parseCatalog(rss(item), {}).products[0]?.url).toBe('');
  });

  it('uses the site currency for prices that name none', () => {
    const item = '<item><g:id>a</g:id><title>A</title><g:price>5.00</g:price><g:availability>in_stock</g:availability></item>';
    expect(parseCatalog(rss(item), { currency: 'chf' }).products[0]?.currency).toBe('CHF');
  });
});

describe('Merchant Atom', () => {
  it('reads entries, with the link in href and the description in summary', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:g="http://base.google.com/ns/1.0">
      <title>Shop</title>
      <entry><g:id>T1</g:id><title>Tent</title><summary>Dry nights</summary><link href="https://shop.example/t1"/><g:price>99.00 USD</g:price><g:availability>preorder</g:availability></entry>
    </feed>`;
    const [product] = parseCatalog(atom, {}).products;
    expect(product).toMatchObject({ id: 'T1', name: 'Tent', description: 'Dry nights', url: 'https://shop.example/t1', availability: 'preorder', price: 99 });
  });
});

describe('an unreadable XML feed', () => {
  it('throws FeedError for a truncated download', () => {
    const truncated = rss(LOCK).slice(0, 400);
    expect(() => parseCatalog(truncated, {})).toThrow(FeedError);
    expect(() => parseCatalog(truncated, {})).toThrow(/XML feed is broken at line \d+/);
  });

  it('throws FeedError for mismatched tags', () => {
    expect(() => parseCatalog(rss('<item><g:id>1</g:id></itm>'), {})).toThrow(FeedError);
  });

  it('throws FeedError for XML that is not a product feed', () => {
    expect(() => parseCatalog('<html><body>Not found</body></html>', {})).toThrow(/neither an RSS 2.0/);
  });

  it('does not expand DOCTYPE entities', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${rss('<item><g:id>1</g:id><title>&b;&b;</title><g:price>1 USD</g:price><g:availability>in_stock</g:availability></item>').replace(/^<\?xml[^>]*>\n/, '')}`;
    let name = '';
    try {
      name = parseCatalog(bomb, {}).products[0]?.name ?? '';
    } catch (error) {
      expect(error).toBeInstanceOf(FeedError);
    }
    expect(name.length).toBeLessThan(100);
  });
});
