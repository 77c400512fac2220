import { describe, expect, it } from 'vitest';
import { parseCatalog } from './parse-catalog.js';

const HEADER = 'id,title,price,availability,description';

describe('bad CSV rows are skipped with their spreadsheet row number', () => {
  const csv = [
    HEADER,
    'ok-1,Tent,10 USD,in_stock,fine', // row 2
    ',No id,10 USD,in_stock,', // row 3
    'no-title,,10 USD,in_stock,', // row 4
    'bad-price,Stove,ten dollars,in_stock,', // row 5
    'bad-avail,Lamp,10 USD,soonish,', // row 6
    `huge,Mat,10 USD,in_stock,${'x'.repeat(20_001)}`, // row 7
    'ok-1,Tent again,12 USD,in_stock,', // row 8
    'no-price,Cup,,in_stock,', // row 9
    'no-avail,Cup,3 USD,,', // row 10
    'ok-2,Cup,3 USD,in_stock,', // row 11
  ].join('\n');
  const { products, skipped } = parseCatalog(csv, {});

  it('keeps the good rows', () => {
    expect(products.map((p) => p.id)).toEqual(['ok-1', 'ok-2']);
    expect(products[0]?.name).toBe('Tent');
  });

  it('lists every bad row with its reason', () => {
    expect(skipped).toEqual([
      { row: 3, reason: 'no id' },
      { row: 4, id: 'no-title', reason: 'no title' },
      { row: 5, id: 'bad-price', reason: 'price "ten dollars" is not a price' },
      { row: 6, id: 'bad-avail', reason: 'unknown availability "soonish"' },
      { row: 7, id: 'huge', reason: 'description is longer than 20000 characters' },
      { row: 8, id: 'ok-1', reason: 'duplicate id "ok-1"' },
      { row: 9, id: 'no-price', reason: 'no price' },
      { row: 10, id: 'no-avail', reason: 'no availability' },
    ]);
  });
});

describe('bad XML items are numbered by item', () => {
  it('counts items from 1', () => {
    const item = (id: string, price: string) => `<item><g:id>${id}</g:id><title>T</title><g:price>${price}</g:price><g:availability>in_stock</g:availability></item>`;
    const xml = `<rss xmlns:g="http://base.google.com/ns/1.0"><channel>${item('a', '1 USD')}${item('b', 'n/a')}${item('a', '2 USD')}</channel></rss>`;
    expect(parseCatalog(xml, {}).skipped).toEqual([
      { row: 2, id: 'b', reason: 'price "n/a" is not a price' },
      { row: 3, id: 'a', reason: 'duplicate id "a"' },
    ]);
  });

  it('refuses a price with no currency when the site sets none', () => {
    const xml = '<rss><channel><item><g:id>a</g:id><title>T</title><g:price>5</g:price><g:availability>in_stock</g:availability></item></channel></rss>';
    expect(parseCatalog(xml, {}).skipped[0]?.reason).toMatch(/names no currency/);
  });
});

describe('a 10 MB description', () => {
  it('is not kept, and costs little', () => {
    const csv = `${HEADER}\nbig,Tent,10 USD,in_stock,"${'Lorem ipsum '.repeat(900_000)}"\nok,Tarp,5 USD,in_stock,small\n`;
    const started = performance.now();
    const { products, skipped } = parseCatalog(csv, {});
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(products.map((p) => p.id)).toEqual(['ok']);
    expect(skipped).toEqual([{ row: 2, id: 'big', reason: 'description is longer than 20000 characters' }]);
  });
});

describe('the row limit', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `p${i},Item ${i},1 USD,in_stock,`);

  it('skips every row past it with one reason', () => {
    const { products, skipped } = parseCatalog([HEADER, ...rows(8)].join('\n'), {}, { maxRows: 5 });
    expect(products).toHaveLength(5);
    expect(skipped).toEqual([{ row: 7, reason: 'the feed has more than 5 rows; this row and the rest were not read' }]);
  });

  it('applies to XML and JSON too', () => {
    const items = Array.from({ length: 4 }, (_, i) => `<item><g:id>x${i}</g:id><title>T</title><g:price>1 USD</g:price><g:availability>in_stock</g:availability></item>`);
    expect(parseCatalog(`<rss><channel>${items.join('')}</channel></rss>`, {}, { maxRows: 3 }).skipped).toEqual([
      { row: 4, reason: 'the feed has more than 3 rows; this row and the rest were not read' },
    ]);
    const json = JSON.stringify({ currency: 'USD', products: Array.from({ length: 3 }, (_, i) => ({ id: `j${i}`, name: 'J', price: 1 })) });
    const parsed = parseCatalog(json, {}, { maxRows: 2 });
    expect(parsed.products).toHaveLength(2);
    expect(parsed.skipped).toEqual([{ row: 3, reason: 'the feed has more than 2 rows; this row and the rest were not read' }]);
  });
});
