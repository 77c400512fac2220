/**
 * What "the gateway works under this prefix" means, checked over real
 * sockets: a page's token request, the catalog, and a realtime session that
 * answers with product cards whose gateway-served images carry the prefix.
 */
import { expect } from 'vitest';
import { localUpstream } from '../../src/upstream/local/index.js';
import { bundledDemo } from '../../src/sites/demo-site.js';
import type { GatewayConfig } from '../../src/config.js';
import { connectClient, askInText } from '../helpers/socket-client.js';
import { ROOMY_ADDRESS_LIMITS, TEST_SITE_SECRET, TEST_TOKEN_SECRET } from '../helpers/test-secrets.js';

/** A page on an origin the demo site allows. */
export const SHOP_ORIGIN = 'http://localhost:5173';

export function testGatewayConfig(): GatewayConfig {
  return {
    upstream: localUpstream(),
    ...bundledDemo(),
    security: { tokenSecret: TEST_TOKEN_SECRET, siteSecrets: { demo: TEST_SITE_SECRET } },
    limits: ROOMY_ADDRESS_LIMITS,
  };
}

/** `base`: the gateway's URL as a shop would configure it, e.g. http://127.0.0.1:PORT/voice. */
export async function expectGatewayServedAt(base: string): Promise<void> {
  const minted = await fetch(`${base}/v1/sessions`, {
    method: 'POST',
    headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify({ site: 'demo' }),
  });
  expect(minted.status).toBe(200);
  const { token } = (await minted.json()) as { token: string };
  expect(token).toEqual(expect.any(String));

  const catalog = await fetch(`${base}/v1/catalog/products?site=demo&q=tent`);
  expect(catalog.status).toBe(200);
  expect(((await catalog.json()) as { count: number }).count).toBeGreaterThan(0);

  const client = await connectClient(`${base.replace(/^http/, 'ws')}/v1/realtime?site=demo`, { token, origin: SHOP_ORIGIN });
  try {
    await client.waitFor('gateway.session');
    askInText(client, 'Do you sell tents?');
    const cards = await client.waitFor('gateway.products', 10_000);
    const answer = await client.waitFor('response.output_text.done', 10_000);
    expect(answer.text).toMatch(/tent/i);
    const image: string = cards.products[0].image;
    expect(image.startsWith(`${base}/v1/catalog/images/`), `image URL ${image} is not under ${base}`).toBe(true);
    const served = await fetch(image);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
  } finally {
    client.close();
  }
}
