// The few Cloudflare Workers APIs this adapter uses, declared here rather than
// pulling in @cloudflare/workers-types, whose globals clash with the DOM lib.
declare class WebSocketPair {
  0: WebSocket & { accept(): void };
  1: WebSocket & { accept(): void };
}

interface ResponseInit {
  webSocket?: WebSocket | null;
}

interface Fetcher {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

