/**
 * The named entities shop editors actually emit (Shopify, WooCommerce):
 * markup escapes, typographic punctuation and Latin-1 letters. Anything
 * else is left as written rather than pulling the full HTML table (2,000+
 * names) into the Worker bundle.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', bull: '•', middot: '·', deg: '°', times: '×', divide: '÷', plusmn: '±',
  trade: '™', reg: '®', copy: '©', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', micro: 'µ', iexcl: '¡', iquest: '¿',
  szlig: 'ß', ordf: 'ª', ordm: 'º',
};

/** Latin-1 letters by HTML's naming scheme: `eacute` → é, `Ouml` → Ö. */
const ACCENTED_LETTERS: Record<string, Record<string, string>> = {
  grave: { A: 'À', E: 'È', I: 'Ì', O: 'Ò', U: 'Ù', a: 'à', e: 'è', i: 'ì', o: 'ò', u: 'ù' },
  acute: { A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý' },
  circ: { A: 'Â', E: 'Ê', I: 'Î', O: 'Ô', U: 'Û', a: 'â', e: 'ê', i: 'î', o: 'ô', u: 'û' },
  uml: { A: 'Ä', E: 'Ë', I: 'Ï', O: 'Ö', U: 'Ü', a: 'ä', e: 'ë', i: 'ï', o: 'ö', u: 'ü', y: 'ÿ' },
  tilde: { A: 'Ã', N: 'Ñ', O: 'Õ', a: 'ã', n: 'ñ', o: 'õ' },
  ring: { A: 'Å', a: 'å' },
  cedil: { C: 'Ç', c: 'ç' },
  slash: { O: 'Ø', o: 'ø' },
  lig: { AE: 'Æ', ae: 'æ', OE: 'Œ', oe: 'œ' },
};
for (const [mark, letters] of Object.entries(ACCENTED_LETTERS)) {
  for (const [base, letter] of Object.entries(letters)) NAMED[`${base}${mark}`] = letter;
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([a-zA-Z][a-zA-Z\d]{1,31}));/g;

export function decodeHtmlEntities(text: string): string {
  return text.replace(ENTITY, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return Object.hasOwn(NAMED, name) ? (NAMED[name] as string) : whole;
    return codePointText(decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16));
  });
}

function codePointText(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
  return String.fromCodePoint(invalid ? 0xfffd : code);
}
