/**
 * Near its budget cap, a site that names a cheaper text model has its typed
 * turns answered by that one, priced as that one.
 */
import { afterEach, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers/gateway.js';
import { askInText, connectClient } from './helpers/socket-client.js';
import { startTextService, type TextService } from './helpers/text-service.js';
import { bundledDemo } from '../src/sites/demo-site.js';
import { textModelsFromEnv } from '../src/text-lane/text-models.js';
import { memorySpendStore } from '../src/usage/site-spend.js';

let gw: TestGateway | null = null;
let service: TextService | null = null;
afterEach(async () => {
  await gw?.close();
  await service?.close();
  gw = service = null;
});

async function ask(spentUsd: number) {
  service = await startTextService(() => ({ text: 'Hello.' }));
  const demo = bundledDemo();
  const sites = demo.sites.map((s) => ({
    ...s,
    budget: { dailyUsd: 1, conversationUsd: 0.05, wrapUpAt: 0.5 },
    textModel: { provider: 'openai' as const, model: 'gpt-4.1-mini', deployment: 'gpt-4.1-mini', api: 'responses' as const, fallback: true, quietMs: 1000, budgetModel: 'gpt-4.1-nano' },
  }));
  const spend = memorySpendStore();
  if (spentUsd) await spend.add('demo', spentUsd);
  gw = await startTestGateway({ ...demo, sites, usage: { spend }, textModels: textModelsFromEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: service.baseURL }) });
  const client = await connectClient(`${gw.wsUrl}?site=demo`);
  await client.waitFor('gateway.session');
  askInText(client, 'hi');
  const done = await client.waitFor((e) => e.type === 'response.done' && e.response.status === 'completed', 8000);
  return { done, model: service.requests[0]!.body.model, usage: gw.logs.find((l) => l.event === 'usage.response' && l.fields.lane === 'text') };
}

it('below the wrap-up share, typed turns use the site text model', async () => {
  const r = await ask(0.1);
  expect(r.model).toBe('gpt-4.1-mini');
  expect(r.done.response.metadata.text_model).toBe('gpt-4.1-mini');
});

it('near the cap, typed turns go to the cheaper model the site names, priced as it, with a log line', async () => {
  const r = await ask(0.6);
  expect(r.model).toBe('gpt-4.1-nano');
  expect(r.done.response.metadata.text_model).toBe('gpt-4.1-nano');
  expect(r.usage?.fields.model).toBe('gpt-4.1-nano');
  expect(gw!.logs.some((l) => l.event === 'text_lane.model' && l.fields.model === 'gpt-4.1-nano' && l.fields.budget === 'near')).toBe(true);
});
