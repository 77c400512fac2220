/** The demo shop's products as the gateway reads them, for tests that check answers against the catalog. */
import { parseCatalog } from '../../src/catalog/feeds/index.js';
import { DEMO_CATALOG_TEXT } from '../../src/sites/demo/index.js';
import type { Product } from '../../src/catalog/types.js';

export const demoCatalog: Product[] = parseCatalog(DEMO_CATALOG_TEXT, { format: 'contoso-json' }).products;

/** Whether a product is in the demo category of that name ("Tents", "Sleeping bags"). */
export const inCategory = (p: Product, name: string) => p.categoryPath.includes(name);
