/**
 * Sends each finished conversation to its site's webhook, signed as the HTTP
 * tools' requests are (tools/request-signature.ts), through the same guarded
 * fetch (no redirects; loopback, private and link-local addresses refused
 * unless the operator allows the host in TOOL_ALLOW_HOSTS). A failed attempt
 * is retried with growing delays for a bounded time, then dropped with a
 * `webhook.dropped` line. Nothing here waits on a session or throws into one:
 * `conversationEnded` returns at once.
 */
import type { Logger } from '../log.js';
import type { SiteConfig, SiteWebhook } from '../sites/types.js';
import type { HttpToolRuntime } from '../tools/types.js';
import { isGatewaySecretName, MIN_SECRET_CHARS, REFUSED_HOST_MESSAGE, isAllowedHost, refusedTarget } from '../tools/http-tool.js';
import { signRequest } from '../tools/request-signature.js';
import { conversationRecordBody, WEBHOOK_EVENT, type EndedConversation } from './conversation-report.js';

export interface WebhookOptions {
  /** Waits before each retry, in ms; the number of entries bounds the retries. */
  retryDelaysMs?: number[];
  /** How long one attempt may take. */
  timeoutMs?: number;
  /** Deliveries waiting or in flight in this process or isolate; past it, a new one is dropped. */
  maxPending?: number;
  /** Keeps the runtime alive for a delivery still under way (a Worker's waitUntil). */
  keepAlive?(work: Promise<unknown>): void;
}

/** About 9 minutes of retries in all: 2 s, 10 s, 30 s, 1 min, 2 min, 5 min. */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 10_000, 30_000, 60_000, 120_000, 300_000];
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_PENDING = 1_000;

/** An answer that will not change on a retry: a redirect, or a 4xx other than 408 and 429. */
const isFinal = (status: number) => (status >= 300 && status < 500 && status !== 408 && status !== 429) || status === 0;

type Outcome = { ok: true; status: number } | { ok: false; final: boolean; reason: string; status?: number };

export function webhookSender(runtime: HttpToolRuntime = {}, log: Logger = () => {}, o: WebhookOptions = {}) {
  const delays = o.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const timeoutMs = o.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const maxPending = o.maxPending ?? DEFAULT_MAX_PENDING;
  const doFetch = runtime.fetch ?? ((input, init) => fetch(input, init));
  let pending = 0;

  /** The secret, or why there is none usable; a record is never sent unsigned. */
  function secretFor(hook: SiteWebhook): { secret: string } | { why: string } {
    const env = hook.signingSecretEnv;
    if (isGatewaySecretName(env)) return { why: `${env} names one of the gateway's own secrets` };
    const secret = runtime.secret?.(env);
    if (!secret) return { why: `${env} is not set` };
    if (secret.length < MIN_SECRET_CHARS) return { why: `${env} is shorter than ${MIN_SECRET_CHARS} characters` };
    return { secret };
  }

  async function attempt(url: URL, site: string, deliveryId: string, body: string, secret: string): Promise<Outcome> {
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'contoso-voice-gateway',
      'x-contoso-event': WEBHOOK_EVENT,
      'x-contoso-site': site,
      'x-contoso-delivery': deliveryId,
      // Signed again each attempt: the receiver's five-minute window counts from this send, not the first.
      ...(await signRequest(secret, body)),
    };
    let res: Response;
    try {
      res = await doFetch(url.href, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') return { ok: false, final: false, reason: 'timeout' };
      const cause = (err as { cause?: { message?: string; code?: string } })?.cause;
      if (cause?.message?.startsWith(REFUSED_HOST_MESSAGE)) return { ok: false, final: true, reason: 'refused_host' };
      return { ok: false, final: false, reason: `unreachable${cause?.code ? ` (${cause.code})` : ''}` };
    }
    // Only the status matters; the body is not read, and not left hanging either.
    void res.body?.cancel().catch(() => {});
    if (res.ok) return { ok: true, status: res.status };
    const status = res.type === 'opaqueredirect' ? 0 : res.status;
    return { ok: false, final: isFinal(status), reason: status === 0 || (status >= 300 && status < 400) ? 'redirect' : 'http_error', status };
  }

  async function deliver(site: SiteConfig, hook: SiteWebhook, ended: EndedConversation) {
    const fields = { site: site.id, conversation: ended.conversationId };
    const url = new URL(hook.url);
    const refused = refusedTarget(url, runtime.allowHosts) ?? (url.protocol !== 'https:' && !isAllowedHost(url, runtime.allowHosts) ? 'plain http is only for hosts in TOOL_ALLOW_HOSTS' : null);
    if (refused) return log('webhook.dropped', { ...fields, attempts: 0, reason: 'refused_host', detail: refused });
    const key = secretFor(hook);
    if ('why' in key) return log('webhook.dropped', { ...fields, attempts: 0, reason: 'missing_secret', detail: key.why });
    const record = conversationRecordBody(ended, hook.transcripts);
    const body = JSON.stringify(record);
    for (let attempts = 1; ; attempts++) {
      const started = Date.now();
      const outcome = await attempt(url, site.id, record.delivery_id, body, key.secret);
      if (outcome.ok) return log('webhook.delivered', { ...fields, attempts, status: outcome.status, ms: Date.now() - started });
      const status = outcome.status ?? null;
      if (outcome.final || attempts > delays.length) return log('webhook.dropped', { ...fields, attempts, reason: outcome.reason, status });
      log('webhook.retry', { ...fields, attempts, reason: outcome.reason, status, retry_ms: delays[attempts - 1]! });
      await sleep(delays[attempts - 1]!);
    }
  }

  return {
    /** Deliveries waiting or in flight, for tests and shutdown. */
    pending: () => pending,
    /** The conversation has ended for good; its site's webhook, if any, hears of it in the background. */
    conversationEnded(site: SiteConfig, ended: EndedConversation): void {
      const hook = site.webhook;
      if (!hook) return;
      if (pending >= maxPending) {
        log('webhook.dropped', { site: site.id, conversation: ended.conversationId, attempts: 0, reason: 'backlog' });
        return;
      }
      pending++;
      const work = deliver(site, hook, ended)
        .catch((err: unknown) => log('webhook.dropped', { site: site.id, conversation: ended.conversationId, attempts: 0, reason: 'internal_error', detail: (err as Error)?.name }))
        .finally(() => pending--);
      o.keepAlive?.(work);
    },
  };
}

export type WebhookSender = ReturnType<typeof webhookSender>;

function sleep(ms: number) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    // A retry waiting is no reason to keep a stopping Node process alive.
    (timer as { unref?: () => void }).unref?.();
  });
}
