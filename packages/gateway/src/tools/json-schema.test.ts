import { describe, expect, it } from 'vitest';
import { MAX_ARGUMENT_CHARS, schemaProblem, validateArgs, type ObjectSchema } from './json-schema.js';

const schema: ObjectSchema = {
  type: 'object',
  properties: {
    query: { type: 'string', maxLength: 10 },
    max_price: { type: 'number', minimum: 0 },
    topic: { type: 'string', enum: ['shipping', 'returns'] },
    count: { type: 'integer', maximum: 5 },
    options: { type: 'object', additionalProperties: { type: 'string', maxLength: 4 } },
  },
  required: ['query'],
  additionalProperties: false,
};

describe('validateArgs', () => {
  it('accepts valid arguments and drops nulls of optional ones', () => {
    expect(validateArgs(schema, '{"query":"tent","max_price":null,"count":2}')).toEqual({ ok: true, value: { query: 'tent', count: 2 } });
  });
  it.each([
    ['not json', /not valid JSON/],
    ['[1]', /must be a JSON object/],
    ['{}', /query/],
    ['{"query":null}', /query/],
    ['{"query":"x","extra":1}', /unknown argument: extra/],
    ['{"query":5}', /argument "query".*string/i],
    ['{"query":"much too long here"}', /argument "query".*too long/i],
    ['{"query":"x","max_price":-1}', /argument "max_price"/],
    ['{"query":"x","topic":"tax"}', /argument "topic"/],
    ['{"query":"x","count":1.5}', /argument "count"/],
    ['{"query":"x","count":9}', /argument "count"/],
    ['{"query":"x","options":{"size":"enormous"}}', /argument "options.size"/],
  ])('refuses %s', (raw, error) => {
    const result = validateArgs(schema, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });
  it('refuses arguments too large to be a request before parsing them', () => {
    const result = validateArgs(schema, JSON.stringify({ query: 'x'.repeat(MAX_ARGUMENT_CHARS) }));
    expect(!result.ok && result.error).toMatch(/at most 8192/);
  });
});

describe('schemaProblem', () => {
  it('accepts an object schema and refuses anything else', () => {
    expect(schemaProblem(schema)).toBeNull();
    expect(schemaProblem({ type: 'string' })).toMatch(/"type": "object"/);
    expect(schemaProblem(null)).toMatch(/"type": "object"/);
    // Found at load, not when a model's value first reaches it and the validator throws.
    expect(schemaProblem({ type: 'object', properties: { q: { type: 'string', pattern: '([a-z' } } })).toMatch(/not a valid regular expression/);
    expect(schemaProblem({ type: 'object', properties: { q: { $ref: '#/$defs/nowhere' } } })).toMatch(/\$ref/);
  });
});
