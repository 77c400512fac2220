import type { GatewayLimits } from '../config.js';

/** What a retailer configures for one site. The gateway trusts only this, never the browser. */
export interface Product {
  id: string;
  name: string;
  price: number;
  currency: string;
  category: string;
  brand: string;
  description: string;
  tags: string[];
  /** Path of the product image, relative to the gateway's public origin unless absolute. */
  image: string;
  /** Path of the product page on the retailer's shop, relative to `SiteConfig.shopUrl` unless absolute. */
  url: string;
}

export interface StorePolicies {
  shipping: string;
  returns: string;
}

export interface SiteAccess {
  /** Page origins whose browsers may get tokens and open sockets: exact, or `scheme://host:*` for any port. */
  allowedOrigins: string[];
  /** Whether POST /v1/sessions mints tokens for allowlisted browsers; off when the retailer's backend mints them. */
  publicTokens: boolean;
}

export interface SiteConfig {
  access: SiteAccess;
  /** This site's own limits, over the gateway's. */
  limits?: Partial<GatewayLimits>;
  id: string;
  /** Shop name, as the assistant says it. */
  shopName: string;
  /** Base of product-page URLs. */
  shopUrl: string;
  /** Who the assistant is and how it behaves: server-side only, never sent to a browser. */
  instructions: string;
  voice: string;
  catalog: Product[];
  categories: { id: string; name: string }[];
  policies: StorePolicies;
}
