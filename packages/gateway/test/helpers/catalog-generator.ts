/**
 * Deterministic made-up catalogs for tests and benchmarks: the same seed
 * always gives the same products, so a figure or a failing test can be
 * reproduced. The copy is invented here; it only has to look like a shop's.
 */
import type { Availability, Product, Variant } from '../../src/catalog/types.js';
import { prng } from './bad-frames.js';

export type GeneratedShop = 'bikes' | 'books';

export interface CatalogGeneratorOptions {
  count: number;
  seed?: number;
  shop?: GeneratedShop;
  /** `de` mixes German-named products in among the English ones. */
  language?: 'en' | 'de';
}

interface Pick {
  <T>(items: readonly T[]): T;
}

interface Family {
  path: string[];
  nouns: string[];
  priceRange: [number, number];
  /** Option sets a variant product of this family is offered in. */
  options?: Record<string, string[]>;
  features: string[];
}

const BIKE_FAMILIES: Family[] = [
  { path: ['Bikes', 'Road bikes'], nouns: ['Road Bike', 'Racer', 'Endurance Bike'], priceRange: [700, 6000], options: { color: ['Red', 'Black', 'Blue'], size: ['52 cm', '54 cm', '56 cm', '58 cm'] }, features: ['carbon fork', 'hydraulic disc brakes', '22 gears', 'aero frame'] },
  { path: ['Bikes', 'Mountain bikes'], nouns: ['Trail Bike', 'Hardtail', 'Full Suspension Bike'], priceRange: [500, 5500], options: { color: ['Green', 'Black', 'Orange'], size: ['S', 'M', 'L', 'XL'] }, features: ['tubeless tyres', 'dropper post', '120 mm travel', 'wide bars'] },
  { path: ['Bikes', 'City bikes'], nouns: ['City Bike', 'Commuter', 'Cargo Bike'], priceRange: [350, 3200], options: { color: ['Cream', 'Navy', 'Mint'], size: ['S', 'M', 'L'] }, features: ['mudguards', 'rear rack', 'hub gears', 'kickstand'] },
  { path: ['Bikes', 'E-bikes'], nouns: ['E-Bike', 'Electric Commuter', 'E-Cargo Bike'], priceRange: [1500, 7000], options: { color: ['Grey', 'White'], size: ['M', 'L'] }, features: ['500 Wh battery', 'mid motor', 'range of 90 km', 'integrated lights'] },
  { path: ['Lights', 'Front lights'], nouns: ['Front Light', 'Headlight', 'Bar Light'], priceRange: [15, 180], features: ['USB-C charging', '800 lumen', 'StVZO approved', 'daylight flash'] },
  { path: ['Lights', 'Rear lights'], nouns: ['Rear Light', 'Tail Light', 'Brake Light'], priceRange: [10, 90], features: ['brake sensor', '60 hour runtime', 'seatpost mount'] },
  { path: ['Clothing', 'Jackets'], nouns: ['Rain Jacket', 'Wind Jacket', 'Winter Jacket'], priceRange: [60, 320], options: { color: ['Yellow', 'Black', 'Blue', 'Red'], size: ['S', 'M', 'L', 'XL'] }, features: ['waterproof', 'breathable membrane', 'reflective details', 'packable'] },
  { path: ['Clothing', 'Jerseys'], nouns: ['Jersey', 'Long Sleeve Jersey', 'Base Layer'], priceRange: [35, 160], options: { color: ['White', 'Blue', 'Pink'], size: ['XS', 'S', 'M', 'L', 'XL'] }, features: ['merino wool', 'three back pockets', 'full zip'] },
  { path: ['Clothing', 'Gloves'], nouns: ['Gloves', 'Winter Gloves', 'Mitts'], priceRange: [15, 70], options: { color: ['Black', 'Grey'], size: ['S', 'M', 'L'] }, features: ['gel palm', 'touchscreen fingertips', 'windproof'] },
  { path: ['Helmets'], nouns: ['Helmet', 'Road Helmet', 'Commuter Helmet'], priceRange: [40, 300], options: { color: ['White', 'Matte Black', 'Red'], size: ['S', 'M', 'L'] }, features: ['MIPS liner', 'magnetic buckle', 'rear light'] },
  { path: ['Locks'], nouns: ['U-Lock', 'Chain Lock', 'Folding Lock'], priceRange: [20, 150], features: ['hardened steel', 'two keys', 'frame mount', 'security level 15'] },
  { path: ['Parts', 'Tyres'], nouns: ['Tyre', 'Tubeless Tyre', 'Winter Tyre'], priceRange: [20, 90], options: { size: ['700x25c', '700x28c', '700x32c'] }, features: ['puncture protection', 'folding bead', 'reflective sidewall'] },
  { path: ['Parts', 'Brakes'], nouns: ['Disc Brake', 'Brake Pads', 'Rim Brake'], priceRange: [12, 260], features: ['organic compound', 'hydraulic', 'flat mount'] },
  { path: ['Parts', 'Chains'], nouns: ['Chain', '11-Speed Chain', 'Chain Ring'], priceRange: [15, 120], features: ['quick link', 'nickel plated', 'anti-rust'] },
  { path: ['Bags', 'Panniers'], nouns: ['Pannier', 'Frame Bag', 'Saddle Bag'], priceRange: [25, 190], options: { color: ['Black', 'Olive'] }, features: ['20 litre', 'roll top', 'quick release hooks'] },
  { path: ['Tools & Care', 'Pumps'], nouns: ['Floor Pump', 'Mini Pump', 'Multi Tool'], priceRange: [10, 120], features: ['pressure gauge', 'presta and schrader', 'aluminium body'] },
  { path: ['Camping', 'Tents'], nouns: ['2-Person Tent', '4-Person Tent', 'Bivvy Tent'], priceRange: [90, 650], features: ['3-season', 'freestanding', 'weighs under 2 kg'] },
];

const BOOK_FAMILIES: Family[] = [
  { path: ['Books', 'Fiction', 'Crime'], nouns: ['Murder', 'Witness', 'Alibi', 'Detective'], priceRange: [8, 28], options: { format: ['Paperback', 'Hardcover', 'E-book'] }, features: ['bestseller', 'first in a series', 'award winner'] },
  { path: ['Books', 'Fiction', 'Fantasy'], nouns: ['Dragon', 'Kingdom', 'Sorcerer', 'Crown'], priceRange: [9, 32], options: { format: ['Paperback', 'Hardcover'] }, features: ['epic', 'illustrated map', 'signed edition'] },
  { path: ['Books', 'Fiction', 'Romance'], nouns: ['Summer', 'Letters', 'Promise', 'Garden'], priceRange: [7, 22], features: ['feel-good', 'book club pick'] },
  { path: ['Books', 'Non-fiction', 'Cooking'], nouns: ['Kitchen', 'Bread', 'Vegetables', 'Spices'], priceRange: [15, 45], options: { format: ['Hardcover', 'E-book'] }, features: ['100 recipes', 'vegetarian', 'step by step photos'] },
  { path: ['Books', 'Non-fiction', 'Travel'], nouns: ['Mountains', 'Islands', 'Railways', 'Coast'], priceRange: [12, 38], features: ['maps', 'walking routes', 'updated edition'] },
  { path: ['Books', 'Non-fiction', 'History'], nouns: ['Empire', 'Revolution', 'Harbour', 'Century'], priceRange: [14, 40], features: ['illustrated', 'primary sources', 'timeline'] },
  { path: ['Books', 'Children', 'Picture books'], nouns: ['Bear', 'Moon', 'Little Fox', 'Bedtime'], priceRange: [6, 18], options: { format: ['Board book', 'Hardcover'] }, features: ['ages 2 to 5', 'lift the flap', 'rhyming'] },
];

const BIKE_BRANDS = ['Veloria', 'Northcrank', 'Brightspoke', 'Ridgeway Cycles', 'Kestrel Works', 'Urbanite', 'Pedalfast', 'Greyhill'];
const BOOK_BRANDS = ['Harbour Press', 'Lantern Books', 'Quill & Ink', 'Northern Light Publishing', 'Paper Fox', 'Meridian House'];
const BIKE_ADJECTIVES = ['Aero', 'Trail', 'Urban', 'Swift', 'Summit', 'Storm', 'Nova', 'Pioneer', 'Falcon', 'Drift', 'Comet', 'Alpine'];
const BOOK_ADJECTIVES = ['Silent', 'Last', 'Hidden', 'Golden', 'Winter', 'Forgotten', 'Midnight', 'Secret', 'Burning', 'Quiet', 'Distant', 'Lost'];
const BOOK_TEMPLATES = ['The {adj} {noun}', '{noun} of the {adj} Sea', 'A {adj} {noun}', 'The {noun} Book'];

/** Accented and foreign names a real shop carries; tests look for these. */
const ACCENTED_BIKE_NAMES: [string, number][] = [
  ['Vélo Léger', 0],
  ['Casque Évolution', 9],
  ['Bicicleta de Montaña', 1],
  ['Lumière Avant Éclair', 4],
];
const ACCENTED_BOOK_NAMES: [string, number][] = [
  ['Les Misérables Illustré', 1],
  ['La Cocina Española', 3],
  ['Café Crème Stories', 2],
];

/** German product names by family index, mixed in when `language` is `de`. */
const GERMAN_BIKE_NAMES: [string, number, string][] = [
  ['Fahrradschloss', 10, 'Robustes Fahrradschloss aus gehärtetem Stahl mit zwei Schlüsseln.'],
  ['Regenjacke für Radfahrer', 6, 'Wasserdichte Regenjacke mit reflektierenden Streifen für Radfahrer im Herbst.'],
  ['Fahrradhelm Stadt', 9, 'Leichter Fahrradhelm für die Stadt mit Rücklicht.'],
  ['Vorderlicht Hell', 4, 'Helles Vorderlicht mit USB-Ladung für dunkle Winterabende.'],
  ['Fahrradtaschen Paar', 14, 'Zwei wasserdichte Fahrradtaschen für den Gepäckträger.'],
  ['Handschuhe Winter', 8, 'Warme Handschuhe für kalte Tage auf dem Rad.'],
];
const GERMAN_BOOK_NAMES: [string, number, string][] = [
  ['Das Kochbuch für Familien', 3, 'Einfache Rezepte für jeden Tag, mit vielen Bildern.'],
  ['Die Reise nach Norden', 4, 'Ein Reisebuch über Wanderungen in den nördlichen Bergen.'],
  ['Märchen für Kinder', 6, 'Klassische Märchen, schön illustriert, zum Vorlesen.'],
];

function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const round = (n: number) => Math.round(n * 100) / 100;

function description(pick: Pick, family: Family, name: string, brand: string, shop: GeneratedShop): string {
  const [a, b] = [pick(family.features), pick(family.features)];
  if (shop === 'books') {
    return `${name}, published by ${brand}. A ${a} title readers return to, ${b === a ? 'now reissued' : `with ${b}`}. ${pick(['Perfect as a gift.', 'A staff favourite.', 'Printed on recycled paper.'])}`;
  }
  return `The ${name} from ${brand} comes with ${a}${b === a ? '' : ` and ${b}`}. ${pick(['Built for daily riding.', 'Tested on long tours.', 'Made for wet winters.', 'Light and easy to carry.'])}`;
}

/** Variants over every combination of the family's options, each with its own price and stock. */
function variantsFor(random: () => number, pick: Pick, family: Family, productId: string, base: number, soldOut: boolean): Variant[] {
  const options = Object.entries(family.options ?? {});
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of options) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  return combos.map((combo, i) => {
    const availability: Availability = soldOut ? 'out_of_stock' : random() < 0.15 ? pick(['out_of_stock', 'backorder', 'preorder'] as const) : 'in_stock';
    return { id: `${productId}-${i + 1}`, options: combo, price: round(base * (1 + i * 0.02)), availability };
  });
}

const AVAILABILITY_RANK: Record<Availability, number> = { in_stock: 0, preorder: 1, backorder: 2, out_of_stock: 3 };

export function generateCatalog(options: CatalogGeneratorOptions): Product[] {
  const { count, seed = 1, shop = 'bikes', language = 'en' } = options;
  const random = prng(seed);
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const families = shop === 'bikes' ? BIKE_FAMILIES : BOOK_FAMILIES;
  const brands = shop === 'bikes' ? BIKE_BRANDS : BOOK_BRANDS;
  const accented = shop === 'bikes' ? ACCENTED_BIKE_NAMES : ACCENTED_BOOK_NAMES;
  const german = language === 'de' ? (shop === 'bikes' ? GERMAN_BIKE_NAMES : GERMAN_BOOK_NAMES) : [];
  const products: Product[] = [];

  for (let i = 0; i < count; i++) {
    const id = `${shop}-${i + 1}`;
    const brand = pick(brands);
    // The fixed names come first so that even a small catalog has them.
    const fixed = i < accented.length ? accented[i] : undefined;
    const germanEntry = !fixed && i >= accented.length && i < accented.length + german.length ? german[i - accented.length] : undefined;
    const family = families[(fixed?.[1] ?? germanEntry?.[1] ?? Math.floor(random() * families.length)) % families.length]!;
    const model = 100 + (i % 900);
    const name =
      fixed?.[0] ??
      germanEntry?.[0] ??
      (shop === 'bikes'
        ? `${pick(BIKE_ADJECTIVES)} ${pick(family.nouns)} ${String.fromCharCode(65 + (i % 26))}${model}`
        : `${pick(BOOK_TEMPLATES).replace('{adj}', pick(BOOK_ADJECTIVES)).replace('{noun}', pick(family.nouns))}${i >= 50 ? ` (Vol. ${(i % 40) + 1})` : ''}`);
    const [low, high] = family.priceRange;
    const base = round(low + random() * (high - low));
    // The fixed names stay buyable: tests look them up and expect to find them.
    const soldOut = random() < 0.1 && !fixed && !germanEntry;
    const hasVariants = family.options !== undefined && random() < 0.5;
    const variants = hasVariants ? variantsFor(random, pick, family, id, base, soldOut) : [];
    const buyable = variants.filter((v) => v.availability !== 'out_of_stock');
    const price = variants.length ? Math.min(...(buyable.length ? buyable : variants).map((v) => v.price)) : base;
    const availability: Availability = variants.length
      ? variants.map((v) => v.availability).sort((a, b) => AVAILABILITY_RANK[a] - AVAILABILITY_RANK[b])[0]!
      : soldOut
        ? 'out_of_stock'
        : random() < 0.05
          ? 'preorder'
          : 'in_stock';
    const onSale = random() < 0.15;
    products.push({
      id,
      name,
      description: germanEntry?.[2] ?? description(pick, family, name, brand, shop),
      brand,
      categoryPath: [...family.path],
      price,
      ...(onSale ? { regularPrice: round(price * 1.25) } : {}),
      currency: language === 'de' ? 'EUR' : 'USD',
      availability,
      image: `/images/${slug(name)}.jpg`,
      url: `/products/${slug(name)}-${i + 1}`,
      tags: [pick(family.features), pick(family.features)],
      variants,
    });
  }
  return products;
}
