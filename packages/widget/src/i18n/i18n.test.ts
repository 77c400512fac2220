import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './en.js';
import de from './de.js';
import fr from './fr.js';
import es from './es.js';
import ar from './ar.js';
import { pickLanguage } from './language.js';
import { readOverrides } from './overrides.js';
import { t, useStrings } from './strings.js';

const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

afterEach(() => useStrings({}));

describe('the message tables', () => {
  it.each(Object.entries({ de, fr, es, ar }))('%s translates every English key, with the same slots', (_, table) => {
    const t = table as Record<string, string>;
    expect(Object.keys(en).filter((k) => !t[k])).toEqual([]);
    expect(Object.keys(t).filter((k) => !(k in en))).toEqual([]);
    for (const [k, text] of Object.entries(en)) expect(slots(t[k]!), k).toEqual(slots(text));
  });
});

describe('pickLanguage', () => {
  it('takes the first language with a table, and the direction of the one the page asked for', () => {
    expect(pickLanguage([undefined, 'de-AT', 'en-US'])).toEqual({ lang: 'de', dir: 'ltr' });
    expect(pickLanguage(['', 'AR', 'en'])).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(pickLanguage(['ja', 'fr-CA'])).toEqual({ lang: 'fr', dir: 'ltr' });
    expect(pickLanguage(['he', 'en'])).toEqual({ lang: 'en', dir: 'rtl' });
    expect(pickLanguage([])).toEqual({ lang: 'en', dir: 'ltr' });
  });
});

describe('lookup and site overrides', () => {
  it('fills slots, prefers the site, then the language, then English', () => {
    useStrings({ add: 'In den Warenkorb' }, { send: 'Los' });
    expect(t('add')).toBe('In den Warenkorb');
    expect(t('send')).toBe('Los');
    expect(t('stop')).toBe('Stop');
    expect(t('add_named', { name: 'Zelt' })).toBe('Add to cart: Zelt');
  });

  it('reads JSON or objects, names what it leaves out, and keeps the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readOverrides('{"greeting":"Moin!","nope":"x","send":3}')).toEqual({ greeting: 'Moin!' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('nope, send'));
    expect(readOverrides('{not json')).toEqual({});
    expect(readOverrides(['x'])).toEqual({});
    expect(readOverrides({ stop: 'Halt' })).toEqual({ stop: 'Halt' });
    expect(readOverrides(undefined)).toEqual({});
    expect(warn).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });
});
