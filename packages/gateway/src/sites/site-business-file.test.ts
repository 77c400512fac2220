import { describe, expect, it } from 'vitest';
import { parseSiteFile, SiteFileError } from './site-file.js';
import { siteFromFile } from './site-config.js';

const BASE = { id: 'acme-shop', shopName: 'Acme', shopUrl: 'https://acme.example', allowedOrigins: ['https://acme.example'], catalog: { source: 'feed.xml' } };

const problemsOf = (site: object) => {
  try {
    parseSiteFile(JSON.stringify(site), 'acme.json');
    return '';
  } catch (err) {
    return (err as SiteFileError).problems.join('\n');
  }
};

describe('a site file\'s webhook and analytics', () => {
  it('fills the defaults: the site\'s own secret, transcripts on, no dataLayer, consent required', () => {
    const site = siteFromFile(parseSiteFile(JSON.stringify({ ...BASE, webhook: { url: 'https://hooks.acme.example/conversations' } }), 'acme.json'), (s) => s);
    expect(site.webhook).toEqual({ url: 'https://hooks.acme.example/conversations', signingSecretEnv: 'WEBHOOK_SECRET_ACME_SHOP', transcripts: true });
    expect(site.analytics).toEqual({ dataLayer: false, consent: 'required' });
    expect(siteFromFile(parseSiteFile(JSON.stringify(BASE), 'acme.json'), (s) => s).webhook).toBeUndefined();
  });

  it("refuses another site's or the operator's secret, a bad URL, and unknown fields, naming each", () => {
    expect(problemsOf({ ...BASE, webhook: { url: 'https://h.example', signingSecretEnv: 'WEBHOOK_SECRET_BOOKS' } })).toMatch(/webhook\.signingSecretEnv: must be WEBHOOK_SECRET_ACME_SHOP or start with WEBHOOK_SECRET_ACME_SHOP_/);
    expect(problemsOf({ ...BASE, webhook: { url: 'https://h.example', signingSecretEnv: 'TOKEN_SECRET' } })).toMatch(/webhook\.signingSecretEnv/);
    expect(problemsOf({ ...BASE, webhook: { url: 'ftp://h.example' } })).toMatch(/webhook\.url/);
    expect(problemsOf({ ...BASE, analytics: { dataLayer: 'yes' } })).toMatch(/analytics\.dataLayer/);
    expect(problemsOf({ ...BASE, analytics: { gtag: true } })).toMatch(/analytics: unknown field "gtag"/);
    expect(problemsOf({ ...BASE, webhook: { url: 'https://h.example', signingSecretEnv: 'WEBHOOK_SECRET_ACME_SHOP_V2' }, analytics: { dataLayer: true, consent: 'not_required' } })).toBe('');
  });
});
