/** The demo shop runs under the strict policy README.md documents for retailers, with the gateway on the shop's own origin. */
export const DEMO_SHOP_CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; style-src 'self'";
