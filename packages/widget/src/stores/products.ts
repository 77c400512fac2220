import { atom } from 'nanostores';
import type { ProductCard } from '@contoso-voice/protocol';

export function createProductsStore() {
  /** The cards of the latest suggestion; the conversation keeps earlier ones in place. */
  return { $products: atom<ProductCard[]>([]) };
}
