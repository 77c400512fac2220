import { describe, expect, it } from 'vitest';
import { cartReply, chooseReply } from './cart-replies.js';

const options = ['Blue', 'Red'].flatMap((color) =>
  ['S', 'M', 'L'].map((size) => ({ variant_id: `j-${color}-${size}`, color, size, availability: color === 'Red' && size === 'M' ? 'out_of_stock' : 'in_stock' })),
);

describe('answers to the shop tools', () => {
  it('confirms what was added, with quantity and variant', () => {
    const added = { added: { product_id: 'j', variant_id: 'j-Blue-M', name: 'Stormshell Rain Jacket', variant: 'Blue / M', quantity: 2 }, result: { ok: true } };
    expect(cartReply(added, 'add_to_cart')).toBe("I've added 2 × Stormshell Rain Jacket (Blue / M) to your cart.");
    expect(cartReply({ added: { product_id: 't', name: 'Basecamp 4 Family Dome Tent', quantity: 1 } }, 'add_to_cart')).toBe("I've added the Basecamp 4 Family Dome Tent to your cart.");
  });

  it('asks which variant, naming the options and marking the sold-out ones', () => {
    expect(cartReply({ error: 'choose a variant', reason: 'choose_variant', product: { id: 'j', name: 'Stormshell Rain Jacket' }, options }, 'add_to_cart')).toBe(
      'Which one would you like? It comes in Blue / S, Blue / M, Blue / L, Red / S, Red / M (sold out) and Red / L.',
    );
    expect(chooseReply(options.filter((o) => o.color === 'Red'))).toBe('Which size would you like: S, M (sold out) or L?');
  });

  it('says why an add was refused, and speaks the page failure as the gateway worded it', () => {
    const product = { id: 'j', name: 'Stormshell Rain Jacket' };
    expect(cartReply({ error: 'sold out', reason: 'sold_out', product, options: options.slice(0, 1) }, 'add_to_cart')).toBe(
      "Sorry, the Stormshell Rain Jacket is sold out, so I haven't added it. It is still available in Blue / S.",
    );
    const asked = { args: { product_id: 'j', variant_id: 'j-Red-M' }, labels: new Map([['j-Red-M', 'Red / M']]) };
    expect(cartReply({ error: 'sold out', reason: 'sold_out', product }, 'add_to_cart', asked)).toBe("Sorry, the Stormshell Rain Jacket in Red / M is sold out, so I haven't added it.");
    expect(cartReply({ error: 'no such product', reason: 'unknown_product' }, 'add_to_cart')).toMatch(/couldn't find that product/);
    expect(cartReply({ error: 'too many', reason: 'quantity', product }, 'add_to_cart')).toMatch(/can't add that quantity of the Stormshell/);
    const say = "I couldn't add it; please use the Add to cart button.";
    expect(cartReply({ error: 'the page could not add it: timeout', say }, 'add_to_cart')).toBe(say);
  });

  it('reads the cart, empty or not, with prices the shop\'s way', () => {
    expect(cartReply({ cart: { items: [] } }, 'get_cart')).toBe('Your cart is empty.');
    const cart = { cart: { items: [{ product_id: 'stove-pocket', name: 'Pocket Canister Stove', quantity: 2, price: 49.5, currency: 'EUR' }, { product_id: 'tent-basecamp-4', quantity: 1 }] } };
    expect(cartReply(cart, 'get_cart', { language: 'de', names: new Map([['tent-basecamp-4', 'Basecamp 4 Family Dome Tent']]) })).toBe(
      'Your cart has 2 × Pocket Canister Stove (49,50\u00a0€ each) and 1 × Basecamp 4 Family Dome Tent.',
    );
  });

  it('confirms a removal and a product shown, and leaves other tools to reply.ts', () => {
    expect(cartReply({ removed: { product_id: 'stove-pocket' } }, 'remove_from_cart', { names: new Map([['stove-pocket', 'Pocket Canister Stove']]) })).toBe(
      "I've removed the Pocket Canister Stove from your cart.",
    );
    expect(cartReply({ shown: { product_id: 'tent-basecamp-4', name: 'Basecamp 4 Family Dome Tent' } }, 'show_product')).toBe('Here is the Basecamp 4 Family Dome Tent.');
    expect(cartReply({ results: [] }, 'search_products')).toBeNull();
  });
});
