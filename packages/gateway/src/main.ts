/**
 * `npm start`: the gateway on PORT (default 8787) with the upstream the
 * environment selects, logging JSON lines to stdout.
 */
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { STOREFRONT_DIST, startNodeGateway, type Listener } from './node.js';
import { upstreamFromEnv } from './upstream/from-env.js';
import { textModelsFromEnv } from './text-lane/text-models.js';
import { upstreamSettings } from './upstream/settings.js';
import { inspectableLocalUpstream } from './upstream/local/inspector.js';
import { memorySessionStore } from './session/state-store.js';
import { restoreSnapshot, writeSnapshot } from './session/store-snapshot.js';
import { loadSitesDir } from './node/site-dir.js';
import { nodeCatalogReader } from './node/catalog-reader.js';
import { nodeHttpToolRuntime } from './node/tool-fetch.js';
import { refuseLoopbackOrigins } from './sites/dev-origins.js';
import { singleUseGuard } from './security/single-use.js';
import { jsonLineLogger } from './log.js';
import { DEMO_SHOP_CSP } from './sites/demo/shop-csp.js';
import { loadOrCreateDevCert, loadOrCreateDevSecret } from './dev-cert.js';
import type { GatewayConfig } from './config.js';
import { limitsFromEnv, randomSecret, securityFromEnv, siteSecretVar } from './security/settings-from-env.js';
import { metricsFromEnv } from './metrics/from-env.js';
import { listenForMetrics } from './metrics/node-listener.js';
import { fileSpendStore } from './usage/ledger-file.js';
import { usageSettingsFromEnv } from './usage/settings-from-env.js';
import { webhookSecretWarnings } from './webhooks/webhook-warnings.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not "${raw}"`);
  return n;
}

/** Where `npm start` keeps its development certificate. */
export const DEV_CERT_DIR = '.contoso-voice/dev-cert';
/** The demo site's backend secret when SITE_SECRET_DEMO is not set, for `npm run chat`. */
export const DEV_SITE_SECRET_FILE = '.contoso-voice/site-secret-demo';
/** The token secret when TOKEN_SECRET is not set: kept, so resume tokens still check out after a restart. */
export const DEV_TOKEN_SECRET_FILE = '.contoso-voice/token-secret';
/** Conversation records written on a graceful stop and read back on start (SESSION_SNAPSHOT=off: not at all). */
export const SNAPSHOT_FILE = '.contoso-voice/sessions.json';
/** What each site spent today and this month, against its budget (BUDGET_LEDGER_FILE names another file). */
export const BUDGET_LEDGER_FILE = '.contoso-voice/budgets.json';

async function main() {
  const env = { ...process.env };
  const sitesDir = env.SITES_DIR || undefined;
  // The demo's backend secret is made for `npm run chat`; a retailer's site secret is always the operator's to set.
  if (!sitesDir) env[siteSecretVar('demo')] ||= loadOrCreateDevSecret(DEV_SITE_SECRET_FILE, randomSecret);
  const tokenSecretKeptHere = !env.TOKEN_SECRET;
  env.TOKEN_SECRET ||= loadOrCreateDevSecret(DEV_TOKEN_SECRET_FILE, randomSecret);
  // LOCAL_ENGINE_INSPECT=on serves what the local engine was told at /v1/debug/sessions/:id, for tests; never with a real model.
  const inspectable = env.LOCAL_ENGINE_INSPECT === 'on' && upstreamSettings(env).kind === 'local' ? inspectableLocalUpstream() : null;
  const upstream = inspectable?.upstream ?? upstreamFromEnv(env);
  const store = memorySessionStore();
  const snapshot = env.SESSION_SNAPSHOT === 'off' ? null : env.SESSION_SNAPSHOT || SNAPSHOT_FILE;
  const spentTokens = singleUseGuard();
  const restored = snapshot ? await restoreSnapshot(store, snapshot, spentTokens) : 0;
  const log = jsonLineLogger((line) => process.stdout.write(`${line}\n`));
  const loaded = await loadSitesDir(sitesDir, { log, read: nodeCatalogReader({ allowPrivate: env.CATALOG_FETCH_PRIVATE === 'on' }) });
  refuseLoopbackOrigins(loaded.sites, upstream.kind, env.ALLOW_LOOPBACK_ORIGINS === 'on');
  const metricsSettings = metricsFromEnv(env, loaded.sites.map((s) => s.id));
  const spend = fileSpendStore(env.BUDGET_LEDGER_FILE || BUDGET_LEDGER_FILE, log);
  const config: GatewayConfig = {
    upstream,
    sites: loaded.sites,
    catalogs: loaded.catalogs,
    limits: limitsFromEnv(env),
    // One process checks its own tokens, so a random secret works until there are several behind a balancer.
    security: securityFromEnv(env, loaded.sites.map((s) => s.id), randomSecret),
    sessionStore: store,
    spentTokens,
    // Sites' HTTP tools: signing secrets by the names their site files give, TOOL_ALLOW_HOSTS, and a fetch that refuses private addresses.
    httpTools: nodeHttpToolRuntime(env),
    publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
    inspectSession: inspectable?.inspect,
    log,
    metrics: metricsSettings.metrics,
    usage: { ...usageSettingsFromEnv(env), spend },
    // Sites' text models (their site files' textModel), with the same OPENAI_* / AZURE_OPENAI_* credentials as the realtime model.
    textModels: textModelsFromEnv(env, { log }),
  };
  const hostname = process.env.HOST || '127.0.0.1';
  // The demo storefront is the demo site's shop; with SITES_DIR it is served only when STOREFRONT_DIR names pages to serve.
  const storefront = process.env.STOREFRONT_DIR || (!sitesDir && existsSync(STOREFRONT_DIST) && process.env.STOREFRONT !== 'off' ? STOREFRONT_DIST : undefined);
  const tlsFiles = process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE;
  const tls = tlsFiles ? { cert: readFileSync(process.env.TLS_CERT_FILE!), key: readFileSync(process.env.TLS_KEY_FILE!) } : undefined;
  const gateway = await startNodeGateway({ ...config, port: intEnv('PORT', 8787), hostname, tls, storefrontDir: storefront, storefrontHeaders: { 'content-security-policy': DEMO_SHOP_CSP } });
  const servers: Listener[] = [gateway];
  // Without a certificate of its own, a second listener serves wss:// with a development certificate,
  // because the openai package's realtime client dials wss:// whatever its base URL says.
  if (!tlsFiles && process.env.DEV_TLS !== 'off') {
    const dev = await loadOrCreateDevCert(DEV_CERT_DIR);
    // The same gateway on a second port, not a second gateway: one set of sessions, limits and spent tokens.
    servers.push(await gateway.listenAlso({ port: intEnv('DEV_TLS_PORT', 8788), hostname, tls: dev }));
    console.log(`Development TLS on ${servers[1]!.url} (self-signed; trust ${dev.certPath} to use it)`);
  }
  const metricsListener = metricsSettings.metrics && metricsSettings.listener ? await listenForMetrics(metricsSettings.metrics, { ...metricsSettings.listener, log }) : undefined;
  const socketBase = `${servers[0]!.url.replace(/^http/, 'ws')}/v1/realtime`;
  const siteLines = await Promise.all(
    loaded.sites.map(async (site) => {
      const status = await loaded.catalogs.status(site.id);
      const skipped = status?.skipped ? `, ${status.skipped} feed rows skipped (see the catalog.rows_skipped log line)` : '';
      const products = status?.products ?? 0;
      return `  site "${site.id}" (${site.shopName}): ${products} product${products === 1 ? '' : 's'}${skipped}; socket ${socketBase}?site=${site.id}`;
    }),
  );
  // Fine for one machine; behind a balancer every instance must check the others' tokens, so say so while it is cheap to fix.
  if (tokenSecretKeptHere && upstream.kind !== 'local') {
    console.warn(`TOKEN_SECRET is not set: using the one kept in ${DEV_TOKEN_SECRET_FILE}. Set it (the same on every instance) before running more than one gateway.`);
  }
  // Said at start, not at the first shopper's order-status question.
  for (const site of loaded.sites) {
    for (const tool of site.httpTools) {
      if (tool.signingSecretEnv && (env[tool.signingSecretEnv]?.length ?? 0) < 16) {
        console.warn(`site "${site.id}": tool "${tool.name}" signs with ${tool.signingSecretEnv}, which is not set (or under 16 characters): its calls will fail until it is.`);
      }
    }
  }
  for (const line of webhookSecretWarnings(loaded.sites, env)) console.warn(line);
  const note = upstream.kind === 'local' ? ' (built-in local engine: no model key set)' : '';
  console.log(`Contoso Voice gateway on ${servers[0]!.url} — upstream: ${upstream.kind}${note}`);
  for (const line of siteLines) console.log(line);
  console.log(metricsSettings.describe(servers[0]!.url, metricsListener?.url));
  if (storefront) console.log(`  demo storefront: ${servers[0]!.url}/  (the assistant is the mic button in the corner)`);
  if (restored) console.log(`  ${restored} conversation${restored === 1 ? '' : 's'} restored from ${snapshot}`);
  const stop = () =>
    void Promise.all([...servers.map((s) => s.close()), metricsListener?.close()]).then(async () => {
      loaded.stop();
      // The sessions that closed on the way down spent too.
      await spend.flush();
      const saved = snapshot ? writeSnapshot(store, snapshot, spentTokens) : 0;
      if (saved) console.log(`Kept ${saved} conversation${saved === 1 ? '' : 's'} in ${snapshot} for the next start.`);
      process.exit(0);
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Could not start the gateway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
