import { connectClient, type TestClient } from '../helpers/socket-client.js';
import type { EngineState, GatewayTarget } from './target.js';

export type { GatewayTarget } from './target.js';

/** A client whose session is set up, and a way to read what its local engine was told. */
export async function openSession(target: GatewayTarget, query = 'site=demo'): Promise<{ client: TestClient; sessionId: string; engine: () => Promise<EngineState> }> {
  const client = await connectClient(`${target.wsUrl}?${query}`);
  const { session_id: sessionId } = await client.waitFor('gateway.session');
  await client.waitFor('session.updated');
  return {
    client,
    sessionId,
    async engine() {
      const state = await target.inspect(sessionId);
      if (!state) throw new Error(`no engine for session ${sessionId}`);
      return state;
    },
  };
}
