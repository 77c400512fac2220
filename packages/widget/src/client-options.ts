import type { GetToken } from './socket/session-token.js';

export type { GetToken };

/** What createVoiceClient (and createVoiceAssistant) take. */
export interface ClientOptions {
  /** Site id in the gateway's configuration; `demo` when left out. */
  site?: string;
  /**
   * The gateway: its origin, or the URL it is mounted at (`https://shop.example/voice`). http or https,
   * with no query or fragment; a trailing slash does not matter. Every request keeps its path.
   */
  gateway: string;
  /**
   * Supplies each connect attempt's session token, for sites whose tokens the retailer's backend mints
   * (`publicTokens: false`). Called before every attempt; given up on after 10 s. Without it the widget
   * asks the gateway (`POST {gateway}/v1/sessions`).
   */
  getToken?: GetToken;
  /** Where the worklet files are (ending in `/`), to self-host them; defaults to `{gateway}/worklets/`. */
  workletBase?: string;
  /** Read schema.org Product JSON-LD from the page into the context. */
  readPageProduct?: boolean;
  lang?: string;
}
