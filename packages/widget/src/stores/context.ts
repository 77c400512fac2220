import { map } from 'nanostores';
import type { PageContext } from '@contoso-voice/protocol';

export function createContextStore() {
  return { $context: map<PageContext>({}) };
}
