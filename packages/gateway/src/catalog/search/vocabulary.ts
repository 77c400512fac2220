/**
 * Word lists for tokenising: the words a shopper says around what they want,
 * and counts spelled out. Kept small and per language on purpose: a stop
 * word never matches, so a long list costs recall on product names.
 */

/** Maps, not plain objects: a word like "constructor" must not find Object.prototype. */
function wordMap(entries: Record<string, string>): ReadonlyMap<string, string> {
  return new Map(Object.entries(entries));
}

/** Already folded (see text-fold.ts): "für" is listed as "fur". */
export const STOP_WORDS: Record<string, readonly string[]> = {
  en: (
    'a an and are as at be but by can do does for from have i im in is it its me my need needs of on or our ' +
    'show some something that the their them there these this to under over up us want we what which with ' +
    'would you your any looking look find get got please thanks hi hello around about than less more ' +
    'dollars dollar usd euro euros bucks price cost cheap'
  ).split(' '),
  de: 'der die das den dem des ein eine einen einem und oder mit fur von zu im in am auf ich suche bitte fuer unter uber habt haben ihr sie wir mein meine euer eure was gibt es'.split(' '),
  fr: 'le la les l un une des du de d et ou pour avec en au aux je cherche sur sous avez vous votre vos notre nos est quel quelle quels quelles ce cette ces qui que y a il moi mon ma mes'.split(' '),
  es: 'el la los las un una unos unas de del y o para con en al busco sobre bajo tienen tienes usted su sus nuestro nuestra que cual es hay me mi mis'.split(' '),
};

/** Spelled-out counts as digits, so "four person" meets "4-person". Words that mean something else too ("neuf", "un") are left out. */
export const NUMBER_WORDS: ReadonlyMap<string, string> = wordMap({
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  twelve: '12', solo: '1', single: '1', couple: '2', pair: '2', twin: '2',
  zwei: '2', drei: '3', vier: '4', funf: '5', sechs: '6', sieben: '7', acht: '8', zehn: '10',
  deux: '2', trois: '3', quatre: '4', cinq: '5', sept: '7', huit: '8', dix: '10',
  dos: '2', tres: '3', cuatro: '4', cinco: '5', seis: '6', siete: '7', ocho: '8', nueve: '9', diez: '10',
});

/** Units a count in front of joins into one term ("4-person" is not "4-season"), with their plurals and spellings. */
export const COUNTED_UNITS: ReadonlyMap<string, string> = wordMap({
  person: 'person', persons: 'person', people: 'person', personen: 'person', personnes: 'person', personas: 'person',
  season: 'season', seasons: 'season', burner: 'burner', burners: 'burner', day: 'day', days: 'day',
  litre: 'litre', litres: 'litre', liter: 'litre', liters: 'litre', speed: 'speed', speeds: 'speed', piece: 'piece', pieces: 'piece',
});
