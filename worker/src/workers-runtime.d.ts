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

interface DurableObjectId {
  toString(): string;
}

interface DurableObjectStub {
  fetch(input: Request | string, init?: RequestInit): Promise<Response>;
}

interface DurableObjectNamespace {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): DurableObjectStub;
}

interface DurableObjectStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<boolean>;
  list<T>(options?: { prefix?: string }): Promise<Map<string, T>>;
  setAlarm(scheduledTime: number): Promise<void>;
  getAlarm(): Promise<number | null>;
}

interface DurableObjectState {
  id: DurableObjectId;
  storage: DurableObjectStorage;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
  /** Keeps the object's event going for work after a response (a conversation webhook still being delivered). */
  waitUntil?(work: Promise<unknown>): void;
}

interface R2Object {
  key: string;
  size: number;
  /** The object's etag, unquoted; it changes whenever the object is written with other bytes. */
  etag: string;
  uploaded: Date;
}

interface R2ObjectBody extends R2Object {
  text(): Promise<string>;
}

interface R2Bucket {
  head(key: string): Promise<R2Object | null>;
  get(key: string): Promise<R2ObjectBody | null>;
}
