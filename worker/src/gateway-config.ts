/**
 * The gateway's configuration from a Worker's env, shared by the front (the
 * Worker itself) and the session hosts (its Durable Objects).
 */
import type { GatewayConfig } from '@contoso-voice/gateway';
import { builtInSites } from '@contoso-voice/gateway/sites';
import { jsonLineLogger } from '@contoso-voice/gateway/log';
import { inspectableLocalUpstream } from '@contoso-voice/gateway/local';
import { fetchUpgradeUpstream } from '@contoso-voice/gateway/fetch-upstream';
import { upstreamSettings, type EnvVars } from '@contoso-voice/gateway/upstream-settings';
import { limitsFromEnv, securityFromEnv } from '@contoso-voice/gateway/security-settings';
import { WORKERS_MAX_MESSAGE_BYTES } from './upgrade-websocket.js';

/** Vars and secrets (strings), the widget files, and the Durable Object namespaces bound in wrangler.toml. */
export type WorkerEnv = EnvVars & {
  ASSETS?: Fetcher;
  SESSIONS?: DurableObjectNamespace;
  ADMISSION?: DurableObjectNamespace;
};

/**
 * With the local engine there is no model key to protect, and the front and
 * every session host must check the same tokens: a fixed development secret
 * does. With a real model the secret must be set.
 */
const LOCAL_ONLY_SECRET = 'contoso-voice-local-engine-development-only';

function tokenSecretMissing(): never {
  throw new Error('Set the TOKEN_SECRET secret (wrangler secret put TOKEN_SECRET): the Worker and its session hosts check each other\'s tokens with it');
}

export function gatewayConfig(env: EnvVars): GatewayConfig & { maxMessageBytes: number; local: ReturnType<typeof inspectableLocalUpstream> | null } {
  const settings = upstreamSettings(env);
  // LOCAL_MAX_SESSION_MS plays the service's 60-minute session cap, shortened, for tests of the roll-over.
  const local = settings.kind === 'local' ? inspectableLocalUpstream({ maxSessionMs: Number(env.LOCAL_MAX_SESSION_MS) || undefined }) : null;
  const limits = limitsFromEnv(env);
  const maxMessageBytes = limits.maxMessageBytes ?? 256 * 1024;
  if (maxMessageBytes > WORKERS_MAX_MESSAGE_BYTES) throw new Error(`MAX_MESSAGE_BYTES may be at most ${WORKERS_MAX_MESSAGE_BYTES}, the Workers limit`);
  return {
    upstream: local?.upstream ?? fetchUpgradeUpstream(settings as Exclude<typeof settings, { kind: 'local' }>),
    sites: builtInSites,
    limits,
    security: securityFromEnv(env, Object.keys(builtInSites), local ? () => LOCAL_ONLY_SECRET : tokenSecretMissing),
    publicOrigin: env.PUBLIC_ORIGIN || undefined,
    log: jsonLineLogger((line) => console.log(line)),
    inspectSession: local && env.LOCAL_ENGINE_INSPECT === 'on' ? local.inspect : undefined,
    maxMessageBytes,
    local,
  };
}

export const clientIp = (c: { req: { header(name: string): string | undefined } }) => c.req.header('cf-connecting-ip') ?? 'unknown';
