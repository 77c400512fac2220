/**
 * A catalog that cannot answer (a Worker's CatalogHost whose feed will not
 * build) must not cost the shopper's address its session slots: each try
 * opens a session that says so through the tools, and gives its slot back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { connectClient } from './helpers/socket-client.js';
import { eventually } from './helpers/eventually.js';
import { bundledDemo } from '../src/sites/demo-site.js';
import type { CatalogDirectory } from '../src/catalog/site-catalog.js';

const demo = bundledDemo();
const failing: CatalogDirectory = {
  catalog: (id) => {
    const real = demo.catalogs.catalog(id)!;
    return { ...real, categories: () => Promise.reject(new Error('the catalog host answered 503')) };
  },
  status: (id) => demo.catalogs.status(id),
};

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ sites: demo.sites, catalogs: failing, limits: { maxSessionsPerIp: 2 } });
});
afterAll(() => gw.close());

describe('a catalog that cannot list its categories', () => {
  it('still opens sessions, logs why, and every slot comes back', async () => {
    for (let i = 0; i < 5; i++) {
      const client = await connectClient(`${gw.wsUrl}?site=demo`);
      await client.waitFor((e) => e.type === 'gateway.session');
      await client.close();
    }
    expect(gw.logs.some((l) => l.event === 'catalog.unavailable' && l.fields.code === 'catalog_unavailable')).toBe(true);
    await eventually(async () => ((await (await fetch(`${gw.url}/healthz`)).json()) as { sessions: number }).sessions === 0, 'every slot back');
  });
});
