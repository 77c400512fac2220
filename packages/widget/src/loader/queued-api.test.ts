import { describe, expect, it, vi } from 'vitest';
import { queuedApi } from './queued-api.js';
import type { StartedApp } from './contract.js';

function fakeApp() {
  const calls: unknown[][] = [];
  const app = {
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    sendText: (t: string) => calls.push(['sendText', t]),
    setContext: (c: object) => calls.push(['setContext', c]),
    on: (e: string) => (calls.push(['on', e]), () => calls.push(['off', e])),
    getToken: (fn: unknown) => calls.push(['getToken', fn]),
    registerTool: (name: string) => (calls.push(['registerTool', name]), () => calls.push(['unregister', name])),
    consent: (c: unknown) => calls.push(['consent', c]),
    conversationId: () => 'conv_1',
    mount: () => {},
  } as unknown as StartedApp;
  return { app, calls };
}

describe('the page API before and after the app chunk', () => {
  it('queues every call, runs them in order once attached, and then runs calls at once', () => {
    const load = vi.fn();
    const { api, attach } = queuedApi(load, { conversationId: () => null });
    const { app, calls } = fakeApp();
    api.setContext({ page: { title: 'Tents' } });
    api.push(['on', 'open', () => {}]);
    api.close();
    api.consent({ analytics: true });
    expect(load).not.toHaveBeenCalled();
    api.sendText('hello');
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([]);
    attach(app);
    expect(calls).toEqual([['setContext', { page: { title: 'Tents' } }], ['on', 'open'], ['close'], ['consent', { analytics: true }], ['sendText', 'hello']]);
    api.open();
    expect(calls.at(-1)).toEqual(['open']);
  });

  it('hands back undo functions before the load: one used early drops the call, one used later undoes it', () => {
    const { api, attach } = queuedApi(() => {}, { conversationId: () => null });
    const { app, calls } = fakeApp();
    const offEarly = api.on('open', () => {}) as () => void;
    const unregisterLater = (api.registerTool as unknown as (name: string, fn: unknown) => () => void)('get_cart', () => ({}));
    offEarly();
    attach(app);
    expect(calls).toEqual([['registerTool', 'get_cart']]);
    unregisterLater();
    expect(calls.at(-1)).toEqual(['unregister', 'get_cart']);
  });

  it('reports an unknown command when it is pushed, not after the load, and keeps the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api, attach } = queuedApi(() => {}, { conversationId: () => null });
    const { app, calls } = fakeApp();
    api.push(['nonsense', 1]);
    api.push('open' as never);
    expect(warn).toHaveBeenCalledWith('ContosoVoice: unknown command "nonsense"');
    attach(app);
    expect(calls).toEqual([['open']]);
    warn.mockRestore();
  });

  it('answers conversationId at once: from what the last page kept before the load, from the app after', () => {
    const { api, attach } = queuedApi(() => {}, { conversationId: () => 'kept_1' });
    expect(api.conversationId()).toBe('kept_1');
    attach(fakeApp().app);
    expect(api.conversationId()).toBe('conv_1');
  });
});
