/**
 * A site's own words: the npm `strings` option, or the script tag's
 * `data-strings` JSON. What cannot be used is named in one console warning
 * and left out; the rest still applies.
 */
import { en } from './en.js';
import type { StringOverrides } from './strings.js';

export function readOverrides(raw: unknown): StringOverrides {
  if (raw == null || raw === '') return {};
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      console.warn('contoso-voice: data-strings is not JSON; using the built-in words');
      return {};
    }
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    console.warn('contoso-voice: strings must be an object of key to text; using the built-in words');
    return {};
  }
  const own: Record<string, string> = {};
  const skipped: string[] = [];
  for (const [key, text] of Object.entries(value as object)) {
    if (key in en && typeof text === 'string') own[key] = text;
    else skipped.push(key);
  }
  if (skipped.length) console.warn(`contoso-voice: strings left out (unknown key or not text): ${skipped.join(', ')}`);
  return own;
}
