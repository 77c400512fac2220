/**
 * One Durable Object that every isolate asks before a session opens, so a
 * token is spent once across all of them and session counts are global. It
 * runs the same in-memory gate as a Node process. Its state lives in memory:
 * if Cloudflare evicts it (idle, or a deploy), counts start again from zero.
 */
import { localGate, type GateRequest } from '@contoso-voice/gateway/admission-gate';

export class AdmissionHost {
  private gate = localGate();

  async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (path === '/enter') return Response.json(await this.gate.enter((await request.json()) as GateRequest));
    if (path === '/leave') {
      this.gate.leave(((await request.json()) as { ticket: string }).ticket);
      return new Response(null, { status: 204 });
    }
    if (path === '/open') return Response.json({ open: this.gate.open() });
    return new Response('not found', { status: 404 });
  }
}

/** The gate, as seen from an isolate or a session host: calls to the one AdmissionHost. */
export function remoteGate(ns: DurableObjectNamespace) {
  const stub = () => ns.get(ns.idFromName('admission'));
  const call = (path: string, body?: unknown) =>
    stub().fetch(`https://admission${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return {
    enter: async (r: GateRequest) => (await call('/enter', r)).json() as never,
    leave: async (ticket: string) => void (await call('/leave', { ticket })),
    open: async () => ((await (await call('/open')).json()) as { open: number }).open,
  };
}
