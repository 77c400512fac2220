/**
 * Checks a model's tool-call arguments against the tool's JSON Schema. The
 * arguments are untrusted: they are bounded in size, parsed, and validated
 * (by @cfworker/json-schema, which needs no code generation, so it runs on
 * workerd too) before any tool runs; the first problem goes back to the model.
 */
import { Validator } from '@cfworker/json-schema';

/** A tool's parameters: a JSON Schema whose top level is an object. */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, object>;
  required?: string[];
  additionalProperties?: boolean | object;
  [keyword: string]: unknown;
}

export type ValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Arguments larger than this are not a shopper's request; no tool is asked to read them. */
export const MAX_ARGUMENT_CHARS = 8192;

const validators = new WeakMap<object, Validator>();

function validatorFor(schema: ObjectSchema): Validator {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new Validator(schema as never, '2020-12', false)));
  return v;
}

/** Whether `schema` is one the validator can use: it throws on some malformed schemas at its first use, so try one. */
export function schemaProblem(schema: unknown): string | null {
  if (!schema || typeof schema !== 'object' || (schema as { type?: unknown }).type !== 'object') return 'must be a JSON Schema with "type": "object"';
  // What would only fail when a model's value first reaches it is found now: every pattern compiles, and no $ref points anywhere.
  const stack: unknown[] = [schema];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' || key === '$dynamicRef') return 'may not use $ref: write the schema out in full';
      if (key === 'pattern' && typeof value === 'string') {
        try {
          new RegExp(value, 'u');
        } catch {
          return `has a pattern that is not a valid regular expression: ${JSON.stringify(value.slice(0, 80))}`;
        }
      }
      if (value && typeof value === 'object') stack.push(value);
    }
  }
  try {
    new Validator(schema as never, '2020-12', false).validate({});
    return null;
  } catch (err) {
    return `is not a usable JSON Schema (${err instanceof Error ? err.message : String(err)})`;
  }
}

export function validateArgs(schema: ObjectSchema, raw: string): ValidationResult {
  if (raw.length > MAX_ARGUMENT_CHARS) return { ok: false, error: `arguments are ${raw.length} characters; at most ${MAX_ARGUMENT_CHARS}` };
  let value: unknown;
  try {
    value = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, error: 'arguments are not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'arguments must be a JSON object' };
  const args = value as Record<string, unknown>;
  // Models send null for an optional argument they leave out; that means "not given", not a value to check.
  for (const [name, v] of Object.entries(args)) if (v === null && !schema.required?.includes(name)) delete args[name];
  const result = validatorFor(schema).validate(args);
  if (result.valid) return { ok: true, value: args };
  return { ok: false, error: describe(result.errors) };
}

/** The most specific error: the one deepest in the arguments, as "argument "q": String is too long (4 > 3)." */
function describe(errors: { instanceLocation: string; keyword: string; error: string }[]): string {
  const leaves = errors.filter((e) => e.keyword !== 'properties' && e.keyword !== 'false' && e.keyword !== 'items');
  const extra = errors.find((e) => e.keyword === 'additionalProperties');
  const best = [...(leaves.length ? leaves : errors)].sort((a, b) => b.instanceLocation.length - a.instanceLocation.length)[0]!;
  if (best === extra) return `unknown argument: ${/"([^"]*)"/.exec(best.error)?.[1] ?? best.error}`;
  const where = best.instanceLocation.replace(/^#\/?/, '').replace(/\//g, '.');
  return where ? `argument "${where}": ${best.error}` : best.error;
}
