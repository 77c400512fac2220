import type { StorePolicies } from '../types.js';

export const demoPolicies: StorePolicies = {
  shipping:
    'Standard shipping is free on orders over $75 and takes 3 to 5 business days; below that it costs $6.95. ' +
    'Express delivery in 1 to 2 business days costs $14.95. We ship to all 50 US states; stoves are not shipped by air, so they always go by ground.',
  returns:
    'Unused items can be returned within 60 days for a full refund, with free return shipping. ' +
    'Tents, sleeping bags and footwear that have been used on the trail can be returned within 30 days if they fail to perform as described. ' +
    'Refunds reach the original payment method within 5 business days of the return arriving.',
};
