/**
 * Reads a shop action from the shopper's text: add to the cart, remove from
 * it, read it, or go to a product's page. Like intent.ts it is a keyword
 * reader, anchored on the verb at the start of the request, so a search
 * such as "I want to buy a tent for four" stays a search and is never
 * mistaken for an order.
 */
import { FILLER, REFERENCE, plain, quantityIn, tokens } from './shop-words.js';

export type ShopAction =
  /** `words`: what is left once verbs and filler are gone: a product's name, option words, or nothing ("add it"). */
  | { kind: 'add'; words: string[]; quantity?: number }
  | { kind: 'remove'; words: string[]; quantity?: number }
  | { kind: 'show'; words: string[] }
  | { kind: 'cart' };

// What may come before the verb: "yes, please add it", "could you take me to it".
const LEAD = String.raw`^(?:(?:please|pls|ok|okay|yes|yeah|sure|great|now|and|then|also|just|so|alright|can you|could you|would you|will you|i want you to|let'?s|bitte|kannst du|konnen sie|s'?il (?:te|vous) pla[iî]t|peux-tu|pouvez-vous|por favor|puedes)[\s,!.]+)*`;
const at = (verbs: string) => new RegExp(`${LEAD}(?:${verbs})\\b`);

const ADD_START = at(String.raw`add|put|buy|i(?:'|’)?ll take|i will take|ajoute[rz]?|mets|mettez|achete[rz]?|fuge|lege?|kaufe|anade|anadir|agrega|agregar|pon|ponme|compra(?:r)?`);
/** "I want to buy a tent" is a search; "I want to add it" is not. */
const WANT_TO_ADD = new RegExp(`${LEAD}(?:i want to|i'?d like to|i would like to) (?:add|put)\\b`);
const ADD_VERB = /\b(add|put|ajout\w*|met\w*|fug\w*|leg\w*|anad\w*|agreg\w*|pon\w*)\b/;
const INTO_CART = /\b(to|in|into|onto) (my|the|our) (cart|basket|bag|trolley)\b|\b(in den|in meinen|zum) warenkorb\b|\b(au|dans (mon|le)) panier\b|\b(al|en (el|mi)) carrito\b/;

const REMOVE_START = at(String.raw`remove|delete|drop|take (?:out|off|away)|get rid of|entferne|losche|nimm|enleve[rz]?|supprime[rz]?|retire[rz]?|quita|quitar|elimina|eliminar|saca|sacar|borra|borrar`);

/** "Take the stove out of my cart": the verb alone would be "take me to". */
const TAKE_START = at('take|nimm|enleve|saca|quita');
const OUT_OF_CART = /\b(out of|off|from) (my|the|our) (cart|basket|bag|trolley)\b|\baus (dem|meinem) warenkorb\b|\bdu panier\b|\bdel carrito\b/;

const SHOW_START = at(String.raw`take me to|bring me to|go to|open|navigate to|show me|emmene[- ]moi|amene[- ]moi|montre[- ]moi|ouvre|va (?:a|sur)|bring mich zu|fuhre mich zu|zeig(?:e)? mir|gehe? zu|offne|llevame a|muestrame|abre|ve a|ir a`);
/** "Show me …" is usually a search; it is a page only when the shopper says page, or means what was just shown. */
const SHOW_NEEDS_PAGE = new RegExp(`${LEAD}(?:show me|montre[- ]moi|zeig(?:e)? mir|muestrame)\\b`);
const PAGE = /\b(page|product page|seite|produktseite|pagina|fiche)\b/;

const CART = /\b(what'?s|what is|whats|what do i have) in (my|the) (cart|basket|bag)\b|\b(show|view|check|read|list|open|go to|take me to)( me)? (my|the) (cart|basket)\b|^(my )?(cart|basket)\W*$|\bhow many (items|things) (are )?in my (cart|basket)\b|\bwas (ist|habe ich) (in meinem|im) warenkorb\b|\bmein(en)? warenkorb\b|\bmon panier\b|\bmi carrito\b|\bque (hay|tengo) en (mi|el) carrito\b/;

/** Verbs of the actions, dropped with the filler so only names and options remain. */
const ACTION_WORDS = new Set(
  'remove delete drop out off away rid show go open navigate bring take what whats is are there have do how many entferne losche nimm raus aus enleve enlever supprime supprimer retire retirer quita quitar elimina eliminar saca sacar borra borrar del emmene amene montre ouvre va sur bring mich fuhre zeig zeige gehe geh offne seite produktseite pagina page fiche llevame muestrame abre ve ir'.split(' '),
);

function contentOf(text: string, skip?: number): string[] {
  return tokens(text).filter((w, i) => i !== skip && !FILLER.has(w) && !REFERENCE.has(w) && !ACTION_WORDS.has(w));
}

/** The words of a reply that are neither filler nor a quantity: what a follow-up like "the blue one in medium" names. */
export function namedWords(text: string): { words: string[]; quantity?: number } {
  const q = quantityIn(tokens(text));
  return { words: contentOf(text, q?.index), quantity: q?.quantity };
}

/** "One", "a", "an" (and theirs in German, French, Spanish) right after a remove verb: one of the line, not all of it. */
const ONE = new Set(['one', 'a', 'an', 'ein', 'eine', 'einen', 'eins', 'un', 'une', 'uno', 'una']);

/** "Remove one of the pans" takes one; "remove the pans" takes the whole line, so it passes no quantity. */
function readRemove(text: string, lower: string): ShopAction {
  const named = namedWords(text);
  if (named.quantity !== undefined) return { kind: 'remove', ...named };
  const verb = REMOVE_START.exec(lower) ?? TAKE_START.exec(lower);
  const first = verb ? tokens(lower.slice(verb[0].length))[0] : undefined;
  return { kind: 'remove', words: named.words, ...(first && ONE.has(first) ? { quantity: 1 } : {}) };
}

export function readShopAction(text: string): ShopAction | null {
  const lower = plain(text).trim();
  if (REMOVE_START.test(lower) || (TAKE_START.test(lower) && OUT_OF_CART.test(lower))) return readRemove(text, lower);
  if (ADD_START.test(lower) || WANT_TO_ADD.test(lower) || (ADD_VERB.test(lower) && INTO_CART.test(lower))) return { kind: 'add', ...namedWords(text) };
  if (CART.test(lower)) return { kind: 'cart' };
  // Last: "show me my cart" is the cart, and "add it and show me" an add.
  if (SHOW_START.test(lower) && (!SHOW_NEEDS_PAGE.test(lower) || PAGE.test(lower) || contentOf(text).length === 0)) {
    return { kind: 'show', words: contentOf(text) };
  }
  return null;
}
