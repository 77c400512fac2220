/**
 * window.ContosoVoice before and after the app chunk: one object whose
 * methods queue their calls until the app is there, then run them on it in
 * the order they were made. `on` and `registerTool` hand back their undo at
 * once; used before the load, it takes the call out of the queue (or undoes
 * it, if the app already ran it). conversationId answers at once.
 */
import { runCommand, type Command, type PageApi } from '../command-queue.js';
import type { StartedApp } from './contract.js';

const METHODS = ['open', 'close', 'sendText', 'setContext', 'on', 'getToken', 'registerTool', 'consent'] as const;
/** Calls that need the app now: the page asked for the panel. */
const LOADS = new Set<string>(['open', 'sendText']);

interface Queued {
  command: Command;
  dropped?: boolean;
  undo?: unknown;
}

export interface QueuedApi {
  api: PageApi;
  /** Runs everything queued on `app`, in order; from then on every call goes straight to it. */
  attach(app: StartedApp): void;
}

/**
 * `load` is called for the calls that need the app now; `answers` reply at once to the calls that return a value
 * (conversationId), from what the loader can know without the app.
 */
export function queuedApi(load: () => void, answers: { conversationId(): string | null }): QueuedApi {
  let app: StartedApp | null = null;
  const queue: Queued[] = [];
  const call = (command: Command): unknown => {
    if (app) return runCommand(app, command);
    const [method] = command;
    // An unknown method is reported now, by runCommand's own warning, not after the load.
    if (!(METHODS as readonly unknown[]).includes(method)) return runCommand({} as StartedApp, command);
    const entry: Queued = { command };
    queue.push(entry);
    if (LOADS.has(method)) load();
    if (method !== 'on' && method !== 'registerTool') return;
    return () => {
      entry.dropped = true;
      if (typeof entry.undo === 'function') entry.undo();
    };
  };
  const api = { push: (command: unknown) => call(Array.isArray(command) ? (command as Command) : ([command] as Command)) } as PageApi;
  for (const method of METHODS) (api as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => call([method, ...args]);
  // A question, not a command: before the app, the conversation the last page kept (analytics.ts stores it).
  api.conversationId = () => (app ? app.conversationId() : answers.conversationId());
  return {
    api,
    attach(started) {
      app = started;
      for (const entry of queue.splice(0)) if (!entry.dropped) entry.undo = runCommand(started, entry.command);
    },
  };
}
