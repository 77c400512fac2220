/**
 * A retailer's own server tool: an HTTP endpoint the gateway calls for the
 * model (order status, say). The site file names it; the gateway calls it
 * with a signed request (request-signature.ts), follows no redirect, bounds
 * the answer in time and size, and refuses loopback, private and link-local
 * addresses unless the operator allows the host (TOOL_ALLOW_HOSTS). What it
 * answers goes to the model only; the page sees it only when the tool says
 * showResult. Nothing here throws out of run(): every failure is an error
 * output the model can speak about, and every call is one `tool.http` log line.
 *
 * Web Standards only (workerd runs it). On Node the runtime's fetch also
 * refuses, at connect time, a host name that resolves to a private address
 * (node/tool-fetch.ts); a literal address or `localhost` is refused here,
 * before any connection.
 */
import type { HttpToolConfig } from '../sites/types.js';
import type { Logger } from '../log.js';
import type { HttpToolRuntime, Tool, ToolContext } from './types.js';
import { isLoopbackName, isPublicAddress, literalAddress } from '../catalog/feed-address.js';
import { readBoundedStream } from '../security/bounded-body.js';
import { signRequest } from './request-signature.js';

export interface HttpToolDeps extends HttpToolRuntime {
  log?: Logger;
}

/** Why a call failed, for the log line; `ok` when it did not. */
export type HttpToolCode =
  | 'ok'
  | 'refused_host'
  | 'missing_secret'
  | 'redirect'
  | 'http_error'
  | 'not_json'
  | 'invalid_json'
  | 'too_large'
  | 'timeout'
  | 'unreachable';

/** What the message of a connect-time refusal starts with (node/tool-fetch.ts), so it is told from an unreachable host. */
export const REFUSED_HOST_MESSAGE = 'refused tool host';

/**
 * The gateway's own secrets: a site file may not name one as its tool's
 * signing secret, or the retailer's endpoint would collect HMACs made with
 * the gateway's token key or a model key.
 */
export const isGatewaySecretName = (name: string) => /^(TOKEN_SECRET|SITE_SECRET_.*|OPENAI_.*|AZURE_.*)$/.test(name);

/** Shorter signing secrets are refused, as TOKEN_SECRET's are. */
export const MIN_SECRET_CHARS = 16;

/** TOOL_ALLOW_HOSTS: `host` or `host:port`, comma-separated (`orders.internal:8080, 127.0.0.1`). */
export function parseAllowHosts(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

/** What a runtime gives HTTP tools from its environment (process.env, a Worker's bindings): secrets by name, TOOL_ALLOW_HOSTS. */
export function httpToolRuntimeFromEnv(env: Record<string, string | undefined>, toolFetch?: typeof fetch): HttpToolRuntime {
  return { fetch: toolFetch, secret: (name) => env[name] || undefined, allowHosts: parseAllowHosts(env.TOOL_ALLOW_HOSTS) };
}

const defaultPort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/** True when the operator allows this URL's host: `host` allows every port, `host:port` that one ([::1]:8080 for IPv6). */
export function isAllowedHost(url: URL, allowHosts: readonly string[] = []): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const withPort = `${host}:${defaultPort(url)}`;
  return allowHosts.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === host || e === withPort;
  });
}

/** Why this URL may not be fetched, before any connection; null when it may. A DNS name is checked by the runtime's fetch. */
export function refusedTarget(url: URL, allowHosts: readonly string[] = []): string | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol}// URLs are not fetched`;
  if (isAllowedHost(url, allowHosts)) return null;
  if (isLoopbackName(url.hostname)) return `${url.hostname} is this machine`;
  const literal = literalAddress(url.hostname);
  if (literal && !isPublicAddress(literal)) return `${literal} is not a public address`;
  return null;
}

/** GET: the arguments as query parameters, after any the URL has; objects and arrays as JSON, absent ones left out. */
function withQuery(base: string, args: Record<string, unknown>): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    url.searchParams.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return url;
}

const isJsonType = (type: string | null) => !!type && /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type.trim());

class Failure {
  constructor(
    readonly code: HttpToolCode,
    readonly message: string,
    readonly extra: Record<string, unknown> = {},
  ) {}
}

export function httpTool(config: HttpToolConfig, runtime: HttpToolDeps = {}): Tool {
  const log = runtime.log ?? (() => {});
  const doFetch = runtime.fetch ?? ((input, init) => fetch(input, init));
  const kb = Math.round(config.maxResponseBytes / 1024);

  async function call(args: Record<string, unknown>, ctx: ToolContext): Promise<{ status: number; output: unknown }> {
    const session = ctx.sessionId;
    const url = config.method === 'GET' ? withQuery(config.url, args) : new URL(config.url);
    const refused = refusedTarget(url, runtime.allowHosts);
    if (refused) throw new Failure('refused_host', `the tool's endpoint is not allowed: ${refused}`);

    const body = config.method === 'GET' ? undefined : JSON.stringify({ tool: config.name, arguments: args, site: ctx.site.id, ...(session ? { session } : {}) });
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'contoso-voice-gateway',
      'x-contoso-tool': config.name,
      'x-contoso-site': ctx.site.id,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    if (config.signingSecretEnv) {
      const env = config.signingSecretEnv;
      const secret = isGatewaySecretName(env) ? undefined : runtime.secret?.(env);
      // A tool that names a secret is never called unsigned: the endpoint would rightly refuse it, or worse, not.
      if (!secret || secret.length < MIN_SECRET_CHARS) {
        const why = isGatewaySecretName(env) ? 'names one of the gateway\'s own secrets' : secret ? `is shorter than ${MIN_SECRET_CHARS} characters` : 'is not set';
        throw new Failure('missing_secret', 'the tool is not configured on this gateway (its signing secret is missing)', { env, why });
      }
      Object.assign(headers, await signRequest(secret, body ?? url.search.slice(1)));
    }

    const started = Date.now();
    const signal = AbortSignal.timeout(config.timeoutMs);
    let res: Response;
    try {
      res = await doFetch(url.href, { method: config.method, headers, body, redirect: 'manual', signal });
    } catch (err) {
      throw fetchFailure(err);
    }
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      void res.body?.cancel().catch(() => {});
      throw new Failure('redirect', 'the endpoint redirected; redirects are not followed', { status: res.status });
    }
    const remaining = Math.max(1, config.timeoutMs - (Date.now() - started));
    let read;
    try {
      read = await readBoundedStream(res.body, res.headers.get('content-length'), config.maxResponseBytes, remaining);
    } catch (err) {
      throw fetchFailure(err, res.status);
    }
    if (!read.ok) {
      throw read.reason === 'too_large'
        ? new Failure('too_large', `the endpoint's answer is larger than ${kb} KB`, { status: res.status })
        : new Failure('timeout', `the endpoint did not answer within ${config.timeoutMs} ms`, { status: res.status });
    }
    if (res.status === 204 || (res.ok && read.text === '')) return { status: res.status, output: { result: null } };
    const type = res.headers.get('content-type');
    if (!isJsonType(type)) {
      const what = type ? type.split(';')[0]!.trim().slice(0, 60) : 'no content type';
      throw new Failure(res.ok ? 'not_json' : 'http_error', res.ok ? `the endpoint answered ${what}, not JSON` : `the endpoint answered HTTP ${res.status}`, { status: res.status });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text);
    } catch {
      throw new Failure(res.ok ? 'invalid_json' : 'http_error', res.ok ? 'the endpoint answered invalid JSON' : `the endpoint answered HTTP ${res.status}`, { status: res.status });
    }
    // A 404 {"error": "no such order"} is worth the model's reading: it can say so.
    if (!res.ok) throw new Failure('http_error', `the endpoint answered HTTP ${res.status}`, { status: res.status, answer: parsed });
    return { status: res.status, output: parsed };
  }

  function fetchFailure(err: unknown, status?: number): Failure {
    const name = (err as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') return new Failure('timeout', `the endpoint did not answer within ${config.timeoutMs} ms`, status ? { status } : {});
    // fetch says only "fetch failed"; the reason (a refused address, a reset) is its cause.
    const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
    const why = cause?.message ?? (err as Error)?.message ?? String(err);
    if (why.startsWith(REFUSED_HOST_MESSAGE)) return new Failure('refused_host', `the tool's endpoint is not allowed: ${why.slice(REFUSED_HOST_MESSAGE.length).replace(/^[\s:]+/, '')}`);
    return new Failure('unreachable', `the endpoint could not be reached${cause?.code ? ` (${cause.code})` : ''}`);
  }

  return {
    name: config.name,
    description: config.description,
    parameters: config.parameters,
    after: config.after,
    showResult: config.showResult,
    // The endpoint's own bound, and a little for signing and reading: the runner's cut-off must not come first.
    timeoutMs: config.timeoutMs + 500,
    async run(args, ctx) {
      const started = Date.now();
      const fields = { tool: config.name, site: ctx?.site?.id };
      try {
        const { status, output } = await call(args, ctx);
        log('tool.http', { ...fields, status, ms: Date.now() - started, ok: true, code: 'ok' });
        return { output };
      } catch (err) {
        const failure = err instanceof Failure ? err : new Failure('unreachable', 'the tool failed');
        const status = typeof failure.extra.status === 'number' ? failure.extra.status : null;
        // The variable's name and why it is unusable go to the operator's log, never to the model.
        const { env, why, ...shown } = failure.extra as { env?: string; why?: string };
        log('tool.http', { ...fields, status, ms: Date.now() - started, ok: false, code: failure.code, ...(env ? { env, reason: why } : {}) });
        return { output: { error: failure.message, ...shown } };
      }
    },
  };
}
