/** What may sit around an option value in a title: `Jacket - Blue / M (Large)`. */
const SEPARATORS = String.raw`\s,/|:()\[\]\-–—`;

/**
 * The name an item group goes by. Merchant titles usually spell out the
 * variant ("Trail Jacket - Blue, M"); when the titles become identical once
 * each row's own values of the varying options are taken out, that shared
 * remainder is the name. Otherwise the titles differ by more than options
 * and the first one is the best guess.
 */
export function commonTitle(variants: readonly { title: string; optionValues: readonly string[] }[]): string {
  const first = variants[0]?.title ?? '';
  if (variants.every((v) => v.title === first)) return first;
  const stripped = variants.map((v) => stripValues(v.title, v.optionValues));
  const name = stripped[0] ?? '';
  const same = name !== '' && stripped.every((s) => s.toLowerCase() === name.toLowerCase());
  return same ? name : first;
}

function stripValues(title: string, values: readonly string[]): string {
  let out = title;
  for (const value of values) {
    // Whole words only, so size "S" leaves "Men's" alone and "M" leaves "Merino" alone.
    const word = new RegExp(`(^|[${SEPARATORS}])${escapeRegExp(value)}(?=$|[${SEPARATORS}])`, 'giu');
    out = out.replace(word, '$1');
  }
  return tidy(out);
}

/** Removes what the values left behind: empty brackets, doubled or dangling separators. */
function tidy(title: string): string {
  return title
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .replace(/\s*([,/|–—-])(?:\s*[,/|–—-])+/g, ' $1')
    .replace(/^[\s,/|:–—-]+|[\s,/|:–—-]+$/g, '')
    .replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
