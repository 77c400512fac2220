/**
 * A retailer's launcher, written against the installed tarballs only. The
 * `@ts-expect-error` lines prove the types are real: were any of them `any`
 * (a missing declaration, an unresolved import), the line would compile, the
 * directive would be unused, and tsc would fail.
 */
import { createGateway, defaultLimits, type GatewayConfig } from '@contoso-voice/gateway';
import { localUpstream, openaiUpstream, upstreamFromEnv, type Upstream } from '@contoso-voice/gateway/upstreams';
import { loadSitesDir, type LoadedSites } from '@contoso-voice/gateway/sites-dir';
import { staticCatalogs } from '@contoso-voice/gateway/catalog';
import { mintSessionToken } from '@contoso-voice/gateway/session-token';
import { attachGateway, nodeRuntime, startNodeGateway } from '@contoso-voice/gateway/node';
import { CLOSE_CODES, type ProductCard, type ServerEvent } from '@contoso-voice/protocol';

export async function launch(): Promise<string> {
  const loaded: LoadedSites = await loadSitesDir('./sites', { log: (event, fields) => console.log(event, fields) });
  const upstream: Upstream = process.env.OPENAI_API_KEY ? upstreamFromEnv() : localUpstream();
  const config: GatewayConfig = {
    upstream,
    sites: loaded.sites,
    catalogs: loaded.catalogs,
    security: { tokenSecret: 'a-secret-of-at-least-16-chars', siteSecrets: {} },
    limits: { maxSessionMs: defaultLimits.maxSessionMs / 2 },
  };
  const app = createGateway(config, nodeRuntime());
  const running = await startNodeGateway({ ...config, port: 0 });
  await running.close();
  const { token, expires_at } = await mintSessionToken('site-secret', { site: 'acme', origin: 'https://shop.acme.test' });
  const expiresAt: number = expires_at;
  void [app, expiresAt, attachGateway, staticCatalogs, CLOSE_CODES.normal];
  return token;
}

export function cardsIn(event: ServerEvent): ProductCard[] {
  return event.type === 'gateway.products' ? event.products : [];
}

// @ts-expect-error a ProductCard is an object with a name and a price, not a number
export const notACard: ProductCard = 123;

// @ts-expect-error a token names its site
export const noSite = () => mintSessionToken('site-secret', { origin: null });

// @ts-expect-error the OpenAI upstream's key is a string
export const numericKey = () => openaiUpstream({ apiKey: 42 });

// @ts-expect-error a gateway needs an upstream to talk to
export const noUpstream: GatewayConfig = { sites: [], catalogs: staticCatalogs([]), security: { tokenSecret: 'x', siteSecrets: {} } };

// @ts-expect-error no such server event
export const unknownEvent: ServerEvent['type'] = 'gateway.nonsense';
