import type { GatewayLimits } from '../config.js';
import type { FeedFormat } from '../catalog/feeds/feed-options.js';
import type { ObjectSchema } from '../tools/json-schema.js';
import type { SiteTextModel } from '../text-lane/site-text-model.js';
import type { SiteBudget } from '../usage/budget-ledger.js';

export type { Product, Variant, Availability } from '../catalog/types.js';

/** A site's policies by topic: shipping, returns, and any the retailer adds. */
export type StorePolicies = Record<string, string>;

export interface SiteAccess {
  /** Page origins whose browsers may get tokens and open sockets: exact, or `scheme://host:*` for any port. */
  allowedOrigins: string[];
  /** Whether POST /v1/sessions mints tokens for allowlisted browsers; off when the retailer's backend mints them. */
  publicTokens: boolean;
}

export interface CatalogSource {
  /** An absolute file path, an http(s) URL, or a key the runtime understands (a Worker's bucket key). */
  source: string;
  format?: FeedFormat;
  /** For feeds without prices' currency. */
  currency?: string;
  refreshMinutes: number;
  maxBytes: number;
}

/** A tool the page runs: the built-in shop actions and the retailer's own. */
export interface ClientToolConfig {
  name: string;
  description: string;
  parameters: ObjectSchema;
  /** ms the page has to answer; the site's clientToolTimeoutMs when absent. */
  timeoutMs?: number;
  after: 'respond' | 'wait';
}

/** A retailer's HTTP endpoint the gateway calls for the model, signed. */
export interface HttpToolConfig {
  name: string;
  description: string;
  parameters: ObjectSchema;
  url: string;
  method: 'POST' | 'GET';
  timeoutMs: number;
  maxResponseBytes: number;
  /** The environment variable that holds the signing secret. */
  signingSecretEnv?: string;
  showResult: boolean;
  after: 'respond' | 'wait';
}

export interface SiteActions {
  cart: boolean;
  navigate: boolean;
  maxQuantity: number;
}

/** What a retailer configures for one site, as the gateway runs it. The gateway trusts only this, never the browser. */
export interface SiteConfig {
  id: string;
  /** Shop name, as the assistant says it. */
  shopName: string;
  /** Base of product-page URLs. */
  shopUrl: string;
  access: SiteAccess;
  /** This site's own limits, over the gateway's. */
  limits?: Partial<GatewayLimits>;
  /** The retailer's own instructions: who the assistant is. Server-side only, never sent to a browser. */
  instructions: string;
  /** BCP 47 tag of the catalog, its prices and the gateway's own lines. */
  language: string;
  /** A pinned answer language (BCP 47); without it the assistant answers in the shopper's language. */
  answerLanguage?: string;
  voice: string;
  policies: StorePolicies;
  catalog: CatalogSource;
  actions: SiteActions;
  /** Whether clients may turn turn detection off and commit turns themselves. */
  pushToTalk: boolean;
  clientTools: ClientToolConfig[];
  httpTools: HttpToolConfig[];
  /** Where each finished conversation is sent, signed; none when absent. */
  webhook?: SiteWebhook;
  analytics: SiteAnalytics;
  /** The model typed turns go to while the shopper is not talking; the realtime model answers everything when absent. */
  textModel?: SiteTextModel;
  /** Caps on what the model costs this shop; none when absent. */
  budget?: SiteBudget;
}

/** The retailer's endpoint for finished conversations (webhooks/). */
export interface SiteWebhook {
  url: string;
  /** The environment variable holding the signing secret. */
  signingSecretEnv: string;
  /** Whether turns carry their text and transcripts. */
  transcripts: boolean;
}

/** What the widget is told about analytics, in gateway.session. */
export interface SiteAnalytics {
  dataLayer: boolean;
  consent: 'required' | 'not_required';
}
