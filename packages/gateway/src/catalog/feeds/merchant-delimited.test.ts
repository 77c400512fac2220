import { describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.js';
import { parseCatalog } from './parse-catalog.js';

describe('Merchant TSV', () => {
  it('reads rows with case-insensitive, trimmed, g:-prefixed headers', () => {
    const tsv = [
      ' ID \tG:Title\tg:price\tAvailability\tProduct Type\timage_link\tadditional_image_link',
      'B-1\tVélo Léger 700c\t1.299,00 EUR\tin_stock\tBikes > Road bikes\t\thttps://x.example/a.jpg,https://x.example/b.jpg',
    ].join('\n');
    const { products, skipped } = parseCatalog(tsv, {});
    expect(skipped).toEqual([]);
    expect(products[0]).toMatchObject({
      id: 'B-1',
      name: 'Vélo Léger 700c',
      price: 1299,
      currency: 'EUR',
      categoryPath: ['Bikes', 'Road bikes'],
      image: 'https://x.example/a.jpg',
    });
  });
});

describe('CSV', () => {
  it('follows RFC 4180: quotes, embedded commas, quotes and line breaks, CRLF and a BOM', () => {
    const csv =
      '\ufeffid,title,description,price,availability\r\n' +
      '1,"Tent, 2-person","Sleeps two.\r\nPacks ""small"".",129.00 USD,in stock\r\n' +
      '2,Stove,Boils fast,"1,049.50 USD",out of stock\r\n';
    const { products, skipped } = parseCatalog(csv, {});
    expect(skipped).toEqual([]);
    expect(products.map((p) => [p.id, p.name, p.description, p.price, p.availability])).toEqual([
      ['1', 'Tent, 2-person', 'Sleeps two. Packs "small".', 129, 'in_stock'],
      ['2', 'Stove', 'Boils fast', 1049.5, 'out_of_stock'],
    ]);
  });

  it('counts rows as a spreadsheet does: header is row 1, a multi-line cell is one row, blank lines count', () => {
    const csv = 'id,title,price,availability\n1,"Two\nlines",1 USD,in_stock\n\n3,,1 USD,in_stock\n4,Ok,1 USD,in_stock\n';
    const { products, skipped } = parseCatalog(csv, {});
    expect(products.map((p) => p.id)).toEqual(['1', '4']);
    expect(skipped).toEqual([{ row: 4, id: '3', reason: 'no title' }]);
  });

  it('reads the semicolon CSV that European Excel writes', () => {
    const csv = 'id;title;price;availability\nK1;Fahrradschloss für Kinder;"12,99 EUR";in_stock\n';
    expect(parseCatalog(csv, {}).products[0]).toMatchObject({ id: 'K1', name: 'Fahrradschloss für Kinder', price: 12.99, currency: 'EUR' });
  });

  it('skips a row shifted by an unquoted comma', () => {
    const csv = 'id,title,price,availability\n1,Tent, large,12 USD,in_stock\n2,Tarp,5 USD,in_stock,,\n';
    const { products, skipped } = parseCatalog(csv, {});
    expect(products.map((p) => p.id)).toEqual(['2']);
    expect(skipped).toEqual([{ row: 2, id: '1', reason: expect.stringMatching(/has 5 cells but the header names 4/) }]);
  });

  it('skips a row with an unterminated quote', () => {
    const csv = 'id,title,price,availability\n1,Ok,1 USD,in_stock\n2,"Broken,1 USD,in_stock\n';
    const { products, skipped } = parseCatalog(csv, {});
    expect(products.map((p) => p.id)).toEqual(['1']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ row: 3, id: '2' });
  });

  it('throws FeedError when the first row is not a header', () => {
    expect(() => parseCatalog('1,Tent,129 USD,in_stock\n2,Stove,49 USD,in_stock\n', {})).toThrow(FeedError);
    expect(() => parseCatalog('1,Tent,129 USD,in_stock\n', {})).toThrow(/not a header naming the columns: no id, title, price column/);
  });
});
