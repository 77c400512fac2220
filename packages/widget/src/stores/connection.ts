import { atom } from 'nanostores';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed' | 'failed';

export function createConnectionStore() {
  return {
    $connection: atom<ConnectionState>('idle'),
    /** Why the connection failed or the assistant is degraded, in words for the shopper. */
    $notice: atom<string | null>(null),
  };
}
