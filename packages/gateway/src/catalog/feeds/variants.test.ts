import { describe, expect, it } from 'vitest';
import { parseCatalog } from './parse-catalog.js';

const HEADER = 'id\titem_group_id\ttitle\tprice\tsale_price\tavailability\tcolor\tsize\timage_link\tlink\tgtin';
const tsv = (...rows: string[]) => [HEADER, ...rows].join('\n');

const JACKETS = tsv(
  'J-BL-S\tJ\tTrail Jacket - Blue, S\t120.00 USD\t\tout_of_stock\tBlue\tS\thttps://s.example/j-bl.jpg\thttps://s.example/j?c=bl&s=s\t111',
  'J-BL-M\tJ\tTrail Jacket - Blue, M\t120.00 USD\t99.00 USD\tin_stock\tBlue\tM\thttps://s.example/j-bl.jpg\thttps://s.example/j?c=bl&s=m\t112',
  'J-RD-M\tJ\tTrail Jacket - Red, M\t110.00 USD\t\tbackorder\tRed\tM\thttps://s.example/j-rd.jpg\thttps://s.example/j?c=rd&s=m\t113',
  'J-RD-L\tJ\tTrail Jacket - Red, L\t90.00 USD\t\tout_of_stock\tRed\tL\thttps://s.example/j-rd.jpg\thttps://s.example/j?c=rd&s=l\t114',
);

describe('item groups', () => {
  const { products, skipped } = parseCatalog(JACKETS, {});
  const [jacket] = products;

  it('become one product with the group id and one variant per row', () => {
    expect(skipped).toEqual([]);
    expect(products).toHaveLength(1);
    expect(jacket?.id).toBe('J');
    expect(jacket?.variants.map((v) => v.id)).toEqual(['J-BL-S', 'J-BL-M', 'J-RD-M', 'J-RD-L']);
  });

  it('answer "the blue one in a medium" with its own price and availability', () => {
    const blueMedium = jacket?.variants.find((v) => v.options.color === 'Blue' && v.options.size === 'M');
    expect(blueMedium).toEqual({
      id: 'J-BL-M',
      options: { color: 'Blue', size: 'M' },
      price: 99,
      regularPrice: 120,
      availability: 'in_stock',
      image: 'https://s.example/j-bl.jpg',
      url: 'https://s.example/j?c=bl&s=m',
      gtin: '112',
    });
    expect(jacket?.variants.find((v) => v.options.color === 'Red' && v.options.size === 'L')).toMatchObject({ price: 90, availability: 'out_of_stock' });
  });

  it('take the name with colour and size stripped, and the first image and link', () => {
    expect(jacket?.name).toBe('Trail Jacket');
    expect(jacket?.image).toBe('https://s.example/j-bl.jpg');
    expect(jacket?.url).toBe('https://s.example/j?c=bl&s=s');
  });

  it('price the product at the lowest buyable variant, ignoring a cheaper one that is out of stock', () => {
    expect(jacket).toMatchObject({ price: 99, regularPrice: 120, availability: 'in_stock' });
  });

  it('roll availability up: preorder beats backorder beats out of stock', () => {
    const rows = (a: string, b: string) => tsv(`A\tG\tCap\t10 USD\t\t${a}\tRed\t\t\t\t`, `B\tG\tCap\t8 USD\t\t${b}\tBlue\t\t\t\t`);
    expect(parseCatalog(rows('backorder', 'preorder'), {}).products[0]).toMatchObject({ availability: 'preorder', price: 8 });
    expect(parseCatalog(rows('out_of_stock', 'backorder'), {}).products[0]).toMatchObject({ availability: 'backorder', price: 8 });
    expect(parseCatalog(rows('out_of_stock', 'out_of_stock'), {}).products[0]).toMatchObject({ availability: 'out_of_stock', price: 8 });
    expect(parseCatalog(rows('in_stock', 'out_of_stock'), {}).products[0]).toMatchObject({ availability: 'in_stock', price: 10 });
  });

  it('keep only the options that differ, and put a shared colour into tags', () => {
    const feed = tsv('A\tG\tCap Navy S\t10 USD\t\tin_stock\tNavy\tS\t\t\t', 'B\tG\tCap Navy L\t10 USD\t\tin_stock\tNavy\tL\t\t\t');
    const [cap] = parseCatalog(feed, {}).products;
    expect(cap?.variants.map((v) => v.options)).toEqual([{ size: 'S' }, { size: 'L' }]);
    expect(cap?.name).toBe('Cap Navy');
    expect(cap?.tags).toContain('Navy');
  });

  it('keep the first title when titles differ by more than options', () => {
    const feed = tsv('A\tG\tCap classic\t10 USD\t\tin_stock\tRed\t\t\t\t', 'B\tG\tCap deluxe\t10 USD\t\tin_stock\tBlue\t\t\t\t');
    expect(parseCatalog(feed, {}).products[0]?.name).toBe('Cap classic');
  });

  it('do not strip a size letter out of a word', () => {
    const feed = tsv("A\tG\tMen's Merino Tee S\t10 USD\t\tin_stock\t\tS\t\t\t", "B\tG\tMen's Merino Tee M\t10 USD\t\tin_stock\t\tM\t\t\t");
    expect(parseCatalog(feed, {}).products[0]?.name).toBe("Men's Merino Tee");
  });

  it('leave a group of one as a plain product under its own id', () => {
    const feed = tsv('SOLO-1\tG9\tLantern\t25 USD\t\tin_stock\tGreen\t\t\t\t');
    expect(parseCatalog(feed, {}).products[0]).toMatchObject({ id: 'SOLO-1', variants: [], tags: ['Green'] });
  });

  it('refuse a variant priced in another currency than its group', () => {
    const feed = tsv('A\tG\tCap\t10 USD\t\tin_stock\tRed\t\t\t\t', 'B\tG\tCap\t9 EUR\t\tin_stock\tBlue\t\t\t\t', 'C\tG\tCap\t11 USD\t\tin_stock\tGreen\t\t\t\t');
    const { products, skipped } = parseCatalog(feed, {});
    expect(products[0]?.variants.map((v) => v.id)).toEqual(['A', 'C']);
    expect(skipped).toEqual([{ row: 3, id: 'B', reason: 'price is in EUR, the rest of group "G" in USD' }]);
  });

  it('refuse a group whose id another product already took', () => {
    const feed = tsv('G\t\tLone cap\t10 USD\t\tin_stock\t\t\t\t\t', 'A\tG\tCap\t10 USD\t\tin_stock\tRed\t\t\t\t', 'B\tG\tCap\t10 USD\t\tin_stock\tBlue\t\t\t\t');
    const { products, skipped } = parseCatalog(feed, {});
    expect(products.map((p) => p.id)).toEqual(['G']);
    expect(skipped).toEqual([
      { row: 3, id: 'A', reason: 'duplicate id "G"' },
      { row: 4, id: 'B', reason: 'duplicate id "G"' },
    ]);
  });
});

describe('sale_price', () => {
  const feed = (window: string) =>
    `id\ttitle\tprice\tsale_price\tsale_price_effective_date\tavailability\nA\tTent\t200 USD\t150 USD\t${window}\tin_stock\n`;
  const now = Date.parse('2026-12-02T12:00:00Z');

  it('is the price while the sale runs, with the regular price kept', () => {
    expect(parseCatalog(feed('2026-11-27T00:00-0800/2026-12-05T00:00-0800'), {}, { now }).products[0]).toMatchObject({ price: 150, regularPrice: 200 });
    expect(parseCatalog(feed(''), {}, { now }).products[0]).toMatchObject({ price: 150, regularPrice: 200 });
  });

  it('is ignored outside its effective dates', () => {
    const [tent] = parseCatalog(feed('2026-11-01T00:00Z/2026-11-30T00:00Z'), {}, { now }).products;
    expect(tent?.price).toBe(200);
    expect(tent?.regularPrice).toBeUndefined();
  });
});
