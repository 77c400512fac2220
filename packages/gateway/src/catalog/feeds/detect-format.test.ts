import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect-format.js';
import { FeedError } from './feed-error.js';
import { parseCatalog } from './parse-catalog.js';

const RSS = '<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0"><channel></channel></rss>';

describe('detectFormat', () => {
  it('tells each format by its content', () => {
    expect(detectFormat(RSS)).toBe('merchant-xml');
    expect(detectFormat('  <feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toBe('merchant-xml');
    expect(detectFormat('{"products":[{"id":1,"handle":"tent","variants":[]}]}')).toBe('shopify');
    expect(detectFormat('{"products":[{"id":1,"title":"x","variants":[{"id":2,"price":"1.00"}]}]}')).toBe('shopify');
    expect(detectFormat('{"currency":"USD","products":[{"id":"a","name":"A","price":1}]}')).toBe('contoso-json');
    expect(detectFormat('[{"id":"a","name":"A","price":1}]')).toBe('contoso-json');
    expect(detectFormat('id\ttitle\tprice\n1\tA\t1 USD\n')).toBe('merchant-tsv');
    expect(detectFormat('id,title,price\n1,A,1 USD\n')).toBe('csv');
  });

  it('throws on an empty feed and on broken JSON', () => {
    expect(() => detectFormat('  \n ')).toThrow(FeedError);
    expect(() => detectFormat('{"products": [')).toThrow(/JSON feed has a syntax error/);
  });
});

describe('a named format', () => {
  it('wins when it matches the content', () => {
    expect(parseCatalog(RSS, { format: 'merchant-xml' })).toEqual({ products: [], skipped: [] });
  });

  it('is an error when the content is something else', () => {
    expect(() => parseCatalog(RSS, { format: 'shopify', currency: 'USD' })).toThrow(
      'The feed was declared as shopify but looks like a Merchant XML feed (merchant-xml)',
    );
    expect(() => parseCatalog('id,title,price\n', { format: 'merchant-tsv' })).toThrow(/declared as merchant-tsv but looks like a CSV file/);
  });
});
