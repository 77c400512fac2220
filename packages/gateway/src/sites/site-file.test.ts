import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSiteFile, SiteFileError } from './site-file.js';
import { siteFromFile } from './site-config.js';
import { SITE_SCHEMA_FILE, siteSchemaText } from '../../../../scripts/write-site-schema.js';

/** The site file the README shows, as a retailer would write it. */
const ACME = {
  id: 'acme',
  shopName: 'Acme Bikes',
  shopUrl: 'https://shop.acme.test',
  allowedOrigins: ['https://shop.acme.test'],
  instructions: 'You are the friendly assistant of Acme Bikes, a bicycle shop.',
  policies: { shipping: 'Free shipping in the EU over 50 EUR.', returns: 'Return unused items within 30 days.' },
  catalog: { source: './acme-feed.xml' },
};

const problemsOf = (value: unknown) => {
  try {
    parseSiteFile(JSON.stringify(value), 'sites/acme.json');
  } catch (err) {
    expect(err).toBeInstanceOf(SiteFileError);
    return (err as SiteFileError).message;
  }
  throw new Error('the file was accepted');
};

describe('site files', () => {
  it('loads the minimal file as written, with defaults filled and the source resolved by the runtime', () => {
    const site = siteFromFile(parseSiteFile(JSON.stringify(ACME), 'acme.json'), (s) => `/srv/sites/${s.slice(2)}`);
    expect(site).toMatchObject({
      id: 'acme',
      shopName: 'Acme Bikes',
      access: { allowedOrigins: ['https://shop.acme.test'], publicTokens: true },
      language: 'en',
      voice: 'marin',
      policies: ACME.policies,
      catalog: { source: '/srv/sites/acme-feed.xml', refreshMinutes: 60, maxBytes: 128 * 1024 * 1024 },
    });
  });

  it('names the file, the field path and what was expected', () => {
    const { shopName: _dropped, ...noName } = ACME;
    expect(problemsOf(noName)).toMatch(/^sites\/acme\.json: shopName: /);
    expect(problemsOf({ ...ACME, id: 'Acme Bikes!' })).toMatch(/id: must be 1 to 40 lower-case letters/);
    expect(problemsOf({ ...ACME, allowedOrigins: ['https://shop.acme.test/cart'] })).toMatch(/allowedOrigins\.0: must be an origin/);
    expect(problemsOf({ ...ACME, allowedOrigins: ['shop.acme.test'] })).toMatch(/allowedOrigins\.0: must be an origin/);
    expect(problemsOf({ ...ACME, catalog: { source: './f.xml', refreshMinutes: 1 } })).toMatch(/catalog\.refreshMinutes: /);
    expect(problemsOf({ ...ACME, catalog: { source: './f.xml', format: 'excel' } })).toMatch(/catalog\.format: /);
    expect(problemsOf({ ...ACME, limits: { maxSessionMs: -5 } })).toMatch(/limits\.maxSessionMs: /);
    expect(problemsOf({ ...ACME, voice: 'robot' })).toMatch(/voice: /);
    expect(problemsOf({ ...ACME, policies: { Shipping: 'x' } })).toMatch(/policies\.Shipping: policy names are lower-case/);
  });

  it('refuses unknown fields by name, and secrets outright', () => {
    expect(problemsOf({ ...ACME, shopname: 'typo' })).toMatch(/\(top level\): unknown field "shopname"/);
    expect(problemsOf({ ...ACME, catalog: { source: './f.xml', url: 'x' } })).toMatch(/catalog: unknown field "url"/);
    expect(problemsOf({ ...ACME, siteSecret: 'a'.repeat(32) })).toMatch(/siteSecret: secrets are never read from a site file; set SITE_SECRET_<ID>/);
  });

  it('takes tools: shop actions, client tools and HTTP tools, with their defaults', () => {
    const orderStatus = {
      name: 'order_status',
      description: 'Look up an order by its number.',
      parameters: { type: 'object', properties: { order: { type: 'string', pattern: '^[0-9]{4,12}$' } }, required: ['order'], additionalProperties: false },
      url: 'https://api.acme.test/voice/order-status',
      signingSecretEnv: 'TOOL_SECRET_ACME_ORDERS',
    };
    const sizeGuide = { name: 'open_size_guide', description: 'Open the size guide.', parameters: { type: 'object', properties: {} }, after: 'wait' };
    const site = siteFromFile(parseSiteFile(JSON.stringify({ ...ACME, actions: { navigate: false }, clientTools: [sizeGuide], httpTools: [orderStatus] }), 'acme.json'), (s) => s);
    expect(site.actions).toEqual({ cart: true, navigate: false, maxQuantity: 10 });
    expect(site.clientTools).toEqual([{ ...sizeGuide, timeoutMs: undefined }]);
    expect(site.httpTools).toEqual([{ ...orderStatus, method: 'POST', timeoutMs: 5000, maxResponseBytes: 64 * 1024, showResult: false, after: 'respond' }]);
  });

  it('refuses tools that could not work: a bad schema, a taken or repeated name, a secret in place of its variable', () => {
    const tool = { name: 'order_status', description: 'x', parameters: { type: 'object', properties: {} }, url: 'https://api.acme.test/x' };
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, parameters: { type: 'string' } }] })).toMatch(/httpTools\.0\.parameters: must be a JSON Schema with "type": "object"/);
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, name: 'add_to_cart' }] })).toMatch(/httpTools\.0\.name: is a built-in tool's name/);
    expect(problemsOf({ ...ACME, httpTools: [tool], clientTools: [{ ...tool, url: undefined }] })).toMatch(/two tools are named "order_status"/);
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, signingSecretEnv: 's3cr3t-value!' }] })).toMatch(/httpTools\.0\.signingSecretEnv: must be an environment variable name/);
    // Another shop's secret, or the operator's, cannot be borrowed to sign with.
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, signingSecretEnv: 'TOOL_SECRET_BOOKS' }] })).toMatch(/httpTools\.0\.signingSecretEnv: must be TOOL_SECRET_ACME or start with TOOL_SECRET_ACME_/);
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, signingSecretEnv: 'DATABASE_URL' }] })).toMatch(/signingSecretEnv: must be TOOL_SECRET_ACME/);
    expect(problemsOf({ ...ACME, httpTools: [{ ...tool, url: 'ftp://x.test/' }] })).toMatch(/httpTools\.0\.url/);
    expect(problemsOf({ ...ACME, actions: { maxQuantity: 0 } })).toMatch(/actions\.maxQuantity/);
  });

  it('says so when the file is not JSON at all', () => {
    expect(() => parseSiteFile('{ "id": "acme", }', 'a.json')).toThrow(/^a\.json: not valid JSON/);
  });

  it('publishes its schema in docs/site.schema.json, kept current (npm run schema)', () => {
    expect(readFileSync(SITE_SCHEMA_FILE, 'utf8')).toBe(siteSchemaText());
    const schema = JSON.parse(siteSchemaText());
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'shopName', 'shopUrl', 'allowedOrigins', 'catalog']));
    expect(schema.additionalProperties).toBe(false);
  });
});
