/**
 * The gateway's configuration from a Worker's env, shared by the front (the
 * Worker itself) and the session hosts (its Durable Objects).
 */
import { httpToolRuntimeFromEnv, type GatewayConfig } from '@contoso-voice/gateway';
import { refuseLoopbackOrigins, type SiteConfig } from '@contoso-voice/gateway/sites';
import { jsonLineLogger, type Logger } from '@contoso-voice/gateway/log';
import { inspectableLocalUpstream } from '@contoso-voice/gateway/local';
import { fetchUpgradeUpstream } from '@contoso-voice/gateway/fetch-upstream';
import { upstreamSettings, type EnvVars } from '@contoso-voice/gateway/upstream-settings';
import { textModelsFromEnv } from '@contoso-voice/gateway/text-models';
import { limitsFromEnv, securityFromEnv } from '@contoso-voice/gateway/security-settings';
import { WORKERS_MAX_MESSAGE_BYTES } from './upgrade-websocket.js';
import type { ServedSites } from './served-sites.js';
import { workerMetrics } from './worker-metrics.js';
import { usageSettingsFromEnv } from '@contoso-voice/gateway/usage';
import { remoteSpendStore } from './budget-host.js';

/** Vars and secrets (strings), the widget files, and the Durable Object namespaces bound in wrangler.toml. */
export type WorkerEnv = EnvVars & {
  ASSETS?: Fetcher;
  SESSIONS?: DurableObjectNamespace;
  ADMISSION?: DurableObjectNamespace;
  /** Uploaded sites and their catalogs (npm run sites:upload); without it, the bundled demo. */
  SITES?: R2Bucket;
  CATALOGS?: DurableObjectNamespace;
  /** Sums every isolate's metrics for GET /metrics (with the METRICS_TOKEN secret); without it nothing is counted. */
  METRICS?: DurableObjectNamespace;
  /** Each site's spend against its budget, one object per site; without it, each isolate counts for itself. */
  BUDGETS?: DurableObjectNamespace;
};

export const workerLog: Logger = jsonLineLogger((line) => console.log(line));

/**
 * Node refuses to start with such a site; a Worker cannot refuse to start,
 * so the site is left out and the reason logged.
 */
function withoutRefusedSites(sites: SiteConfig[], upstreamKind: string, env: EnvVars, log: Logger): SiteConfig[] {
  return sites.filter((site) => {
    try {
      refuseLoopbackOrigins([site], upstreamKind, env.ALLOW_LOOPBACK_ORIGINS === 'on');
      return true;
    } catch (err) {
      log('site.refused', { site: site.id, reason: (err as Error).message });
      return false;
    }
  });
}

/**
 * With the local engine there is no model key to protect, and the front and
 * every session host must check the same tokens: a fixed development secret
 * does. With a real model the secret must be set.
 */
const LOCAL_ONLY_SECRET = 'contoso-voice-local-engine-development-only';

function tokenSecretMissing(): never {
  throw new Error('Set the TOKEN_SECRET secret (wrangler secret put TOKEN_SECRET): the Worker and its session hosts check each other\'s tokens with it');
}

// Sites' HTTP tools: signing secrets are bindings the site file names (`wrangler secret put ORDER_TOOL_SECRET`), and the fetch is
// workerd's own, as Cloudflare's network does not reach private addresses (the tool refuses literal ones and localhost before fetching).
export function gatewayConfig(env: WorkerEnv, served: ServedSites): GatewayConfig & { maxMessageBytes: number; local: ReturnType<typeof inspectableLocalUpstream> | null } {
  const settings = upstreamSettings(env);
  // LOCAL_MAX_SESSION_MS plays the service's 60-minute session cap, shortened, for tests of the roll-over.
  const local = settings.kind === 'local' ? inspectableLocalUpstream({ maxSessionMs: Number(env.LOCAL_MAX_SESSION_MS) || undefined }) : null;
  const limits = limitsFromEnv(env);
  const maxMessageBytes = limits.maxMessageBytes ?? 256 * 1024;
  if (maxMessageBytes > WORKERS_MAX_MESSAGE_BYTES) throw new Error(`MAX_MESSAGE_BYTES may be at most ${WORKERS_MAX_MESSAGE_BYTES}, the Workers limit`);
  const sites = withoutRefusedSites(served.sites, settings.kind, env, workerLog);
  return {
    upstream: local?.upstream ?? fetchUpgradeUpstream(settings as Exclude<typeof settings, { kind: 'local' }>),
    sites,
    catalogs: served.catalogs,
    limits,
    security: securityFromEnv(env, sites.map((s) => s.id), local ? () => LOCAL_ONLY_SECRET : tokenSecretMissing),
    publicOrigin: env.PUBLIC_ORIGIN || undefined,
    httpTools: httpToolRuntimeFromEnv(env),
    // Sites' text models for typed turns: the openai client is fetch based, so it runs on workerd as it does on Node.
    textModels: textModelsFromEnv(env, { log: workerLog }),
    log: workerLog,
    // Counted only when someone can read it: the front serves /metrics with the token.
    metrics: env.METRICS && env.METRICS_TOKEN ? workerMetrics(env.METRICS, { sites: sites.map((s) => s.id), token: env.METRICS_TOKEN, log: workerLog }) : undefined,
    inspectSession: local && env.LOCAL_ENGINE_INSPECT === 'on' ? local.inspect : undefined,
    usage: { ...usageSettingsFromEnv(env), spend: env.BUDGETS ? remoteSpendStore(env.BUDGETS) : undefined },
    maxMessageBytes,
    local,
  };
}

export const clientIp = (c: { req: { header(name: string): string | undefined } }) => c.req.header('cf-connecting-ip') ?? 'unknown';
