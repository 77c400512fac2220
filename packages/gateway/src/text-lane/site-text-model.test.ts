import { describe, expect, it } from 'vitest';
import { parseSiteFile, SiteFileError } from '../sites/site-file.js';
import { textModelFromFile } from './site-text-model.js';

const site = (textModel: unknown) =>
  JSON.stringify({ id: 'acme', shopName: 'Acme', shopUrl: 'https://acme.example', allowedOrigins: ['https://acme.example'], catalog: { source: 'feed.json' }, textModel });

function problems(textModel: unknown): string[] {
  try {
    parseSiteFile(site(textModel), 'acme.json');
    return [];
  } catch (err) {
    return (err as SiteFileError).problems;
  }
}

describe('a site file textModel', () => {
  it('fills in the defaults', () => {
    const file = parseSiteFile(site({ provider: 'openai', model: 'gpt-4.1-mini' }), 'acme.json');
    expect(textModelFromFile(file.textModel)).toEqual({
      textModel: { provider: 'openai', model: 'gpt-4.1-mini', deployment: 'gpt-4.1-mini', api: 'responses', fallback: true, quietMs: 10_000 },
    });
  });

  it('keeps an Azure deployment apart from the model it is priced as', () => {
    const file = parseSiteFile(site({ provider: 'azure', model: 'gpt-4o-mini', deployment: 'shop-chat', api: 'chat', quietMs: 0, budgetModel: 'gpt-4.1-nano' }), 'acme.json');
    expect(textModelFromFile(file.textModel).textModel).toMatchObject({ deployment: 'shop-chat', model: 'gpt-4o-mini', api: 'chat', quietMs: 0, budgetModel: 'gpt-4.1-nano' });
  });

  it.each([
    [{ provider: 'anthropic', model: 'x' }, 'textModel.provider'],
    [{ provider: 'openai' }, 'textModel.model'],
    [{ provider: 'openai', model: 'gpt 4' }, 'textModel.model: must be a model or deployment name'],
    [{ provider: 'openai', model: 'gpt-4o', api: 'completions' }, 'textModel.api'],
    [{ provider: 'openai', model: 'gpt-4o', quietMs: -1 }, 'textModel.quietMs'],
    [{ provider: 'openai', model: 'gpt-4o', apiKey: 'sk-1' }, 'unknown field "apiKey"'],
  ])('refuses %j, naming the field', (textModel, expected) => {
    expect(problems(textModel).join('; ')).toContain(expected);
  });
});
