/**
 * Sites' spend against their budgets on Workers: one Durable Object per
 * site, its sums in the object's storage, so every isolate and session host
 * adds to the same figures and they survive eviction and deploys (memory
 * would not). Adds are serialised by the object itself: storage calls hold
 * its input gate, so two sessions' spends cannot interleave a read and a write.
 */
import { added, isSiteSpend, rolled, type SiteSpend, type SpendStore } from '@contoso-voice/gateway/usage';

const KEY = 'spend';

export class BudgetHost {
  constructor(private state: DurableObjectState) {}

  private async current(): Promise<SiteSpend> {
    const stored = await this.state.storage.get<unknown>(KEY);
    // Storage this object wrote itself is never malformed; if it were, the day counts as spent (ledger-file.ts says why).
    if (stored !== undefined && !isSiteSpend(stored)) return { ...rolled(undefined, Date.now()), unknownToday: true };
    return rolled(stored as SiteSpend | undefined, Date.now());
  }

  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/read') return Response.json(await this.current());
    if (path === '/add') {
      const { usd } = (await request.json()) as { usd?: unknown };
      if (typeof usd !== 'number' || !Number.isFinite(usd) || usd < 0 || usd > 1_000_000) {
        return Response.json({ error: 'invalid_request', message: 'usd must be a number from 0 to 1,000,000' }, { status: 400 });
      }
      const spend = await this.current();
      if (spend.unknownToday) return Response.json(spend);
      const next = added(spend, usd);
      await this.state.storage.put(KEY, next);
      return Response.json(next);
    }
    return new Response('not found', { status: 404 });
  }
}

/** The spend store as a front or a session host sees it: calls to each site's BudgetHost. */
export function remoteSpendStore(ns: DurableObjectNamespace): SpendStore {
  const call = async (siteId: string, path: string, body?: unknown): Promise<SiteSpend> => {
    const stub = ns.get(ns.idFromName(`site:${siteId}`));
    const res = await stub.fetch(`https://budget${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`budget host answered ${res.status}`);
    return (await res.json()) as SiteSpend;
  };
  return {
    read: (siteId) => call(siteId, '/read'),
    add: (siteId, usd) => call(siteId, '/add', { usd }),
  };
}
