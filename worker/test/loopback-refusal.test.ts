/**
 * Node refuses to start when a site allows loopback origins and a model key
 * is set; a Worker cannot refuse to start, so it leaves such a site out and
 * logs why. The bundled demo allows them, so a Worker with a key and nothing
 * uploaded serves no site until ALLOW_LOOPBACK_ORIGINS=on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';

let dev: WranglerDev;

beforeAll(async () => {
  // No service answers at this address: nothing here opens a model session.
  dev = await startWranglerDev({ UPSTREAM: 'openai', OPENAI_API_KEY: 'sk-refusal-test-0123456789', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
}, 90_000);
afterAll(async () => {
  await dev?.stop();
}, 30_000);

describe('a Worker with a model key', () => {
  it('leaves out the demo, which allows loopback origins, and says why', async () => {
    const health = (await (await fetch(`${dev.url}/healthz`)).json()) as { upstream: string; sites: Record<string, unknown> };
    expect(health).toMatchObject({ upstream: 'openai', sites: {} });
    const res = await fetch(`${dev.url}/v1/catalog/products?site=demo`);
    expect(res.status).toBe(404);
    const refused = dev.output.find((line) => line.includes('"event":"site.refused"') && line.includes('"site":"demo"'));
    expect(refused).toContain('allows http://localhost:*');
    expect(refused).toContain('ALLOW_LOOPBACK_ORIGINS=on');
  });

  it('opens no socket for it', async () => {
    const res = await fetch(`${dev.url}/v1/sessions`, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' }, body: JSON.stringify({ site: 'demo' }) });
    expect(res.status).toBe(404);
  });
});
