/**
 * The lookup the components use: the active language's table, then the
 * site's own words per key on top. One table per page: the widget is one
 * assistant per page, and a module-level table keeps every component a plain
 * function with no context to thread.
 */
import { en, type MessageKey, type Messages } from './en.js';

export type { MessageKey, Messages };
/** What a site may replace, key by key: `{ "greeting": "Moin!" }`. */
export type StringOverrides = Partial<Record<MessageKey, string>>;

let table: Partial<Messages> = en;
let overrides: StringOverrides = {};

export function useStrings(next: Partial<Messages>, own: StringOverrides = {}) {
  table = next;
  overrides = own;
}

/** The words for `key`, with `{name}`-style slots filled from `vars`; a key the language lacks falls back to English. */
export function t(key: MessageKey, vars?: Record<string, string | number>): string {
  const text = overrides[key] ?? table[key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (slot, name: string) => String(vars[name] ?? slot)) : text;
}
