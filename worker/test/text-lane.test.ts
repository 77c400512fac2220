/**
 * The text lane on the Worker under wrangler dev: a site's typed turns go
 * through the `openai` package's fetch client, inside workerd, to a stand-in
 * Responses service on loopback, and stream back to the client as Realtime
 * events; the realtime lane (the local engine) is never opened.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWranglerDev, type WranglerDev } from './helpers/wrangler-dev.js';
import { ACME_ORIGIN, acmeProducts, writeAcmeSiteDir } from './helpers/acme-site.js';
import { uploadSitesLocally } from './helpers/upload-command.js';
import { askInText, connectClient } from '../../packages/gateway/test/helpers/socket-client.js';
import { startTextService, type TextService } from '../../packages/gateway/test/helpers/text-service.js';

let siteDir: string;
let stateDir: string;
let dev: WranglerDev | null = null;
let service: TextService;

beforeAll(async () => {
  service = await startTextService((r, i) =>
    i === 0 ? { calls: [{ name: 'search_products', arguments: JSON.stringify({ query: 'Fahrrad' }) }] } : { text: 'Wir haben viele Fahrräder.' },
  );
  siteDir = writeAcmeSiteDir(acmeProducts(40), { textModel: { provider: 'openai', model: 'gpt-4.1-mini' } });
  stateDir = mkdtempSync(join(tmpdir(), 'contoso-text-lane-state-'));
  const upload = uploadSitesLocally(siteDir, stateDir);
  if (upload.status !== 0) throw new Error(upload.output);
  dev = await startWranglerDev({ UPSTREAM: 'local', OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: service.baseURL }, 90_000, stateDir);
}, 240_000);

afterAll(async () => {
  await dev?.stop();
  await service?.close();
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
}, 30_000);

it('answers typed turns on the site text model from inside workerd, tools included', async () => {
  const granted = await fetch(`${dev!.url}/v1/sessions`, { method: 'POST', headers: { origin: ACME_ORIGIN }, body: JSON.stringify({ site: 'acme' }) });
  const { token } = (await granted.json()) as { token: string };
  const client = await connectClient(`${dev!.url.replace(/^http/, 'ws')}/v1/realtime?site=acme`, { token, origin: ACME_ORIGIN });
  await client.waitFor('session.updated', 15_000);
  askInText(client, 'Welche Fahrräder habt ihr?');
  const done = await client.waitFor((e) => e.type === 'response.done' && e.response.output.some((o: { type: string }) => o.type === 'message'), 20_000);
  expect(done.response.metadata).toMatchObject({ lane: 'text', text_model: 'gpt-4.1-mini' });
  expect(client.events().filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta).join('')).toBe('Wir haben viele Fahrräder.');
  expect(client.events().some((e) => e.type === 'gateway.products')).toBe(true);
  expect(service.requests).toHaveLength(2);
  expect(service.requests[1]!.body.input.some((i: { type: string }) => i.type === 'function_call_output')).toBe(true);
  client.close();
}, 60_000);
