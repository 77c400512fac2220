/**
 * The assistant's options from the <contoso-voice> element's attributes,
 * falling back to the script tag's data-* ones.
 */
import type { AssistantOptions } from '../assistant.js';
import type { StartContext } from './contract.js';

export function optionsFrom(el: Element | null, { script, base }: StartContext): AssistantOptions {
  const attr = (name: string) => el?.getAttribute(name) ?? script?.getAttribute(`data-${name}`) ?? undefined;
  return {
    site: attr('site') ?? 'demo',
    gateway: attr('gateway') ?? base,
    workletBase: base + 'worklets/',
    title: attr('title'),
    greeting: attr('greeting'),
    accent: attr('accent'),
    lang: attr('lang'),
    theme: attr('theme') as AssistantOptions['theme'],
    strings: attr('strings'),
    linkHosts: attr('link-hosts')?.split(/[\s,]+/),
    position: attr('position') === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    voice: attr('voice') as AssistantOptions['voice'],
    readPageProduct: attr('context') !== 'off',
  };
}
