/**
 * Folding for matching: what a shopper types and what a retailer wrote meet
 * on one spelling, whatever the case, accents or ligatures. "Vélo Léger",
 * "VELO LEGER" and "velo leger" fold alike; so do "für" and "fur".
 */

/** Letters that Unicode decomposition leaves whole, but shoppers type as plain Latin. */
const LIGATURES: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĳ: 'ij',
};
const LIGATURE_PATTERN = /[ßæœøłđðþıĳ]/g;

/** Lower case, accents removed, ligatures spelled out. Safe on any string. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(LIGATURE_PATTERN, (letter) => LIGATURES[letter] ?? letter);
}

/** A stable id for a name: folded, with every run of other characters turned into one '-'. */
export function slugify(name: string): string {
  return foldText(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
