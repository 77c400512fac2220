import { MAX_CATEGORY_DEPTH } from './field-bounds.js';

/** `Bikes > Road bikes` → `['Bikes', 'Road bikes']`; undefined when the path is deeper than any real shop's. */
export function splitCategoryPath(text: string | undefined): string[] | undefined {
  if (!text) return [];
  const path = text.split('>').map((part) => part.trim()).filter(Boolean);
  return path.length > MAX_CATEGORY_DEPTH ? undefined : path;
}
