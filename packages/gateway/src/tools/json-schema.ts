/**
 * The subset of JSON Schema our tool parameters use, and a validator for it.
 * Arguments come from a model and are untrusted: they are checked before any
 * tool runs, and the first problem is reported back to the model by name.
 */
export type ParamSchema =
  | { type: 'string'; description?: string; enum?: string[]; maxLength?: number }
  | { type: 'number' | 'integer'; description?: string; minimum?: number; maximum?: number };

export interface ObjectSchema {
  type: 'object';
  properties: Record<string, ParamSchema>;
  required: string[];
  additionalProperties: false;
}

export type ValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function validateArgs(schema: ObjectSchema, raw: string): ValidationResult {
  let value: unknown;
  try {
    value = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, error: 'arguments are not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'arguments must be a JSON object' };
  }
  const args = value as Record<string, unknown>;
  for (const name of schema.required) {
    if (args[name] === undefined || args[name] === null) return { ok: false, error: `missing required argument "${name}"` };
  }
  for (const [name, v] of Object.entries(args)) {
    const prop = schema.properties[name];
    if (!prop) return { ok: false, error: `unknown argument "${name}"` };
    if (v === null) {
      delete args[name];
      continue;
    }
    const problem = checkParam(prop, v);
    if (problem) return { ok: false, error: `argument "${name}" ${problem}` };
  }
  return { ok: true, value: args };
}

function checkParam(schema: ParamSchema, v: unknown): string | null {
  if (schema.type === 'string') {
    if (typeof v !== 'string') return 'must be a string';
    if (schema.maxLength !== undefined && v.length > schema.maxLength) return `must be at most ${schema.maxLength} characters`;
    if (schema.enum && !schema.enum.includes(v)) return `must be one of ${schema.enum.join(', ')}`;
    return null;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'must be a number';
  if (schema.type === 'integer' && !Number.isInteger(v)) return 'must be a whole number';
  if (schema.minimum !== undefined && v < schema.minimum) return `must be at least ${schema.minimum}`;
  if (schema.maximum !== undefined && v > schema.maximum) return `must be at most ${schema.maximum}`;
  return null;
}
