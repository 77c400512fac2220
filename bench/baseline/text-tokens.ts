/** BASELINE for bench/catalog.ts: the previous tokenizer, copied unchanged. */
/**
 * Tokens for catalog relevance: lower case, plural folded, number words as
 * digits, so that "a tent for four people" meets "4-person tents".
 */
const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  solo: '1', single: '1', couple: '2', pair: '2',
};

const SYNONYMS: Record<string, string> = {
  people: 'person', persons: 'person', man: 'person', men: 'person', liters: 'litre', litres: 'litre', l: 'litre',
  twin: '2',
  kid: 'child', kids: 'child', children: 'child',
  shoe: 'boot', boots: 'boot', footwear: 'boot',
  rucksack: 'backpack', pack: 'backpack', packs: 'backpack',
  rain: 'waterproof', water: 'waterproof', wet: 'waterproof',
  torch: 'headlamp', flashlight: 'headlamp',
  cooker: 'stove', burner: 'stove',
  desk: 'table',
};

const STOP_WORDS = new Set(
  ('a an and are as at be but by can do does for from have i im in is it its me my need needs of on or our ' +
    'show some something that the their them there these this to under over up us want we what which with ' +
    'would you your any looking look find get got please thanks hi hello good best around about than less more ' +
    'dollars dollar usd bucks price cost cheap').split(' '),
);

function fold(word: string): string {
  const mapped = NUMBER_WORDS[word] ?? SYNONYMS[word];
  if (mapped) return mapped;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return SYNONYMS[word.slice(0, -1)] ?? word.slice(0, -1);
  return word;
}

/** Words that a count in front of turns into one term: "4-person" is not "4-season". */
const COUNTED = new Set(['person', 'season', 'burner', 'day', 'litre', 'liter']);

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (!raw || STOP_WORDS.has(raw)) continue;
    const term = fold(raw);
    const prev = out.at(-1);
    if (COUNTED.has(term) && prev !== undefined && /^[0-9]+$/.test(prev)) out[out.length - 1] = `${prev}-${term}`;
    else out.push(term);
  }
  return out;
}
