/**
 * The gateway as a Cloudflare Worker: the same createGateway app as the Node
 * server, given a Workers WebSocket upgrade, an upstream dialled with fetch,
 * and the widget files from the static-assets binding.
 */
import type { MiddlewareHandler } from 'hono';
import { createGateway } from '@contoso-voice/gateway';
import { builtInSites } from '@contoso-voice/gateway/sites';
import { jsonLineLogger } from '@contoso-voice/gateway/log';
import { inspectableLocalUpstream } from '@contoso-voice/gateway/local';
import { fetchUpgradeUpstream } from '@contoso-voice/gateway/fetch-upstream';
import { upstreamSettings, type EnvVars } from '@contoso-voice/gateway/upstream-settings';
import { limitsFromEnv, randomSecret, securityFromEnv } from '@contoso-voice/gateway/security-settings';
import { WORKERS_MAX_MESSAGE_BYTES, workersUpgradeWebSocket } from './upgrade-websocket.js';

/** Vars and secrets (strings), plus the widget files bound as ASSETS in wrangler.toml. */
export type WorkerEnv = EnvVars & { ASSETS?: Fetcher };

type Gateway = ReturnType<typeof createGateway>;

function tokenSecretMissing(): never {
  throw new Error('Set the TOKEN_SECRET secret (wrangler secret put TOKEN_SECRET): isolates must share it to check each other\'s tokens');
}

function buildGateway(env: WorkerEnv): Gateway {
  const settings = upstreamSettings(env);
  // LOCAL_MAX_SESSION_MS plays the service's 60-minute session cap, shortened, for tests of the roll-over.
  const local = settings.kind === 'local' ? inspectableLocalUpstream({ maxSessionMs: Number(env.LOCAL_MAX_SESSION_MS) || undefined }) : null;
  const limits = limitsFromEnv(env);
  const limit = limits.maxMessageBytes ?? 256 * 1024;
  if (limit > WORKERS_MAX_MESSAGE_BYTES) throw new Error(`MAX_MESSAGE_BYTES may be at most ${WORKERS_MAX_MESSAGE_BYTES}, the Workers limit`);
  const assets = env.ASSETS;
  const widgetAssets: MiddlewareHandler | undefined = assets ? async (c) => assets.fetch(c.req.raw) : undefined;
  return createGateway(
    {
      upstream: local?.upstream ?? fetchUpgradeUpstream(settings as Exclude<typeof settings, { kind: 'local' }>),
      sites: builtInSites,
      limits,
      // Offline with the local engine a per-isolate secret will do; with a real model key, tokens must verify on every isolate.
      security: securityFromEnv(env, Object.keys(builtInSites), local ? randomSecret : tokenSecretMissing),
      publicOrigin: env.PUBLIC_ORIGIN || undefined,
      log: jsonLineLogger((line) => console.log(line)),
      inspectSession: local && env.LOCAL_ENGINE_INSPECT === 'on' ? local.inspect : undefined,
    },
    {
      upgradeWebSocket: workersUpgradeWebSocket(limit),
      widgetAssets,
      clientIp: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    },
  );
}

// One isolate serves many requests and sessions, all with the same env; the app is built once.
let gateway: Gateway | null = null;

export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    gateway ??= buildGateway(env);
    return gateway.fetch(request, env);
  },
};
