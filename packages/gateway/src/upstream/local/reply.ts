/**
 * The local engine's answers, grounded in what the tools returned: it names
 * only products and policies that came back from the gateway.
 */

import type { ShopView } from './shop-view.js';

interface ModelVariant {
  price: number;
  availability?: string;
  [option: string]: unknown;
}

interface ModelProduct {
  id: string;
  name: string;
  price: number;
  currency: string;
  description: string;
  availability?: string;
  variants?: ModelVariant[];
}

/** A price as the shop's language writes it: "$139", "6,90 €". */
export function moneyIn(language: string) {
  return (p: { price: number; currency: string }): string => {
    const digits = Number.isInteger(p.price) ? 0 : 2;
    try {
      return new Intl.NumberFormat(language, { style: 'currency', currency: p.currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(p.price);
    } catch {
      return `${p.price} ${p.currency}`;
    }
  };
}

/** "It comes in paperback (6,90 €) and hardcover (sold out)." for a product with versions. */
function versionsOf(p: ModelProduct, money: (p: { price: number; currency: string }) => string): string {
  const versions = (p.variants ?? []).slice(0, 4).map((v) => {
    const label = Object.entries(v).filter(([k, value]) => !['id', 'price', 'availability'].includes(k) && typeof value === 'string').map(([, value]) => value).join(' ');
    const state = v.availability === 'out_of_stock' ? 'sold out' : v.availability === 'preorder' ? `${money({ price: v.price, currency: p.currency })}, to pre-order` : money({ price: v.price, currency: p.currency });
    return label ? `${label} (${state})` : '';
  }).filter(Boolean);
  return versions.length > 1 ? ` It comes in ${versions.slice(0, -1).join(', ')} and ${versions.at(-1)}.` : '';
}

const preorderNote = (p: ModelProduct) => (p.availability === 'preorder' ? ' It is available to pre-order.' : p.availability === 'backorder' ? ' It is on back order.' : '');

const soldOut = (p: ModelProduct) => p.availability === 'out_of_stock';

const firstSentence = (text: string) => /^[^.!?]*[.!?]/.exec(text)?.[0] ?? text;

function parse(output: string): Record<string, unknown> {
  try {
    const v = JSON.parse(output);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** An answer from the outputs of the tool calls that the engine made for this turn. */
export function replyFromToolOutputs(outputs: string[], language = 'en'): string {
  const money = moneyIn(language);
  const parts: string[] = [];
  for (const raw of outputs) {
    const out = parse(raw);
    if (typeof out.error === 'string') {
      parts.push("Sorry, I couldn't look that up just now. Could you try asking another way?");
    } else if (Array.isArray(out.results)) {
      const results = out.results as ModelProduct[];
      if (results.length === 0) {
        parts.push("I couldn't find anything in our catalog that matches. Could you tell me a bit more about what you need?");
        continue;
      }
      // A sold-out product comes back only when the shopper named it: say so, then offer what can be bought.
      const gone = results.filter(soldOut);
      const buyable = results.filter((p) => !soldOut(p));
      const soldOutNote = gone.length ? `Sorry, the ${gone[0]!.name} is sold out at the moment.` : '';
      if (buyable.length === 0) {
        parts.push(`${soldOutNote} Could I help you find something similar?`.trim());
        continue;
      }
      const [top, ...rest] = buyable;
      let text = `${soldOutNote ? `${soldOutNote} Instead, I'd` : "I'd"} suggest the ${top!.name} at ${money(top!)}. ${firstSentence(top!.description)}${preorderNote(top!)}${versionsOf(top!, money)}`;
      if (rest.length) {
        const others = rest.slice(0, 2).map((p) => `the ${p.name} (${money(p)})`);
        text += ` You might also like ${others.join(' or ')}.`;
      }
      parts.push(text);
    } else if (out.product && typeof out.product === 'object') {
      const p = out.product as ModelProduct;
      parts.push(soldOut(p) ? `Sorry, the ${p.name} is sold out at the moment.` : `The ${p.name} costs ${money(p)}. ${p.description}${preorderNote(p)}${versionsOf(p, money)}`);
    } else if (typeof out.policy === 'string') {
      parts.push(out.policy);
    }
  }
  return parts.join(' ') || "I'm not sure I found what you need. Could you tell me more?";
}

export function greetingReply(shop: ShopView): string {
  const who = shop.shopName ? `the ${shop.shopName} assistant` : 'the shop assistant';
  const some = shop.categories.slice(0, 3).map((c) => c.toLowerCase());
  const offer = some.length ? `: ${some.join(', ')} and more` : '';
  return `Hi! I'm ${who}. Tell me what you're looking for and I'll find it in our catalog${offer}.`;
}
export const THANKS_REPLY = "You're welcome! Let me know if there's anything else I can help you find.";
export const NO_TOOLS_REPLY = "I can't search the catalog in this session, so I can't recommend a product right now.";

export function speechNotUnderstoodReply(speechMs: number): string {
  const seconds = (speechMs / 1000).toFixed(1);
  return (
    `I heard ${seconds} seconds of speech, but this demo is running without a model key, so I can't understand spoken words. ` +
    'Please type your question in the chat box and I will answer it.'
  );
}
