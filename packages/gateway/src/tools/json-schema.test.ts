import { describe, expect, it } from 'vitest';
import { validateArgs, type ObjectSchema } from './json-schema.js';

const schema: ObjectSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', maxLength: 10 },
    max_price: { type: 'number', minimum: 0 },
    topic: { type: 'string', enum: ['shipping', 'returns'] },
    count: { type: 'integer', maximum: 5 },
  },
  required: ['query'],
  additionalProperties: false,
};

describe('validateArgs', () => {
  it('accepts valid arguments and drops nulls', () => {
    expect(validateArgs(schema, '{"query":"tent","max_price":null,"count":2}')).toEqual({ ok: true, value: { query: 'tent', count: 2 } });
  });
  it.each([
    ['not json', 'arguments are not valid JSON'],
    ['[1]', 'arguments must be a JSON object'],
    ['{}', 'missing required argument "query"'],
    ['{"query":"x","extra":1}', 'unknown argument "extra"'],
    ['{"query":5}', 'argument "query" must be a string'],
    ['{"query":"much too long here"}', 'argument "query" must be at most 10 characters'],
    ['{"query":"x","max_price":-1}', 'argument "max_price" must be at least 0'],
    ['{"query":"x","topic":"tax"}', 'argument "topic" must be one of shipping, returns'],
    ['{"query":"x","count":1.5}', 'argument "count" must be a whole number'],
    ['{"query":"x","count":9}', 'argument "count" must be at most 5'],
  ])('refuses %s', (raw, error) => {
    expect(validateArgs(schema, raw)).toEqual({ ok: false, error });
  });
});
