import { describe, expect, it, vi } from 'vitest';
import { runCommand, runCommands } from './command-queue.js';

function fakeApi() {
  const calls: unknown[][] = [];
  const api = {
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    sendText: (t: string) => calls.push(['sendText', t]),
    setContext: (c: object) => calls.push(['setContext', c]),
    on: (e: string) => (calls.push(['on', e]), () => {}),
    getToken: (fn: unknown) => calls.push(['getToken', fn]),
    registerTool: (name: string, fn: unknown) => (calls.push(['registerTool', name, fn]), () => calls.push(['unregister', name])),
    conversationId: () => 'conv-1',
    consent: (c?: object) => void calls.push(['consent', c]),
  };
  return { api, calls };
}

describe('command queue', () => {
  it('runs queued commands in order', () => {
    const { api, calls } = fakeApi();
    runCommands(api, [['setContext', { page: { title: 'Tents' } }], ['open'], ['sendText', 'hello']]);
    expect(calls).toEqual([['setContext', { page: { title: 'Tents' } }], ['open'], ['sendText', 'hello']]);
  });

  it('runs a queued consent and answers conversationId after load', () => {
    const { api, calls } = fakeApi();
    runCommands(api, [['consent', { analytics: true }]]);
    expect(calls).toEqual([['consent', { analytics: true }]]);
    expect(runCommand(api, ['conversationId'])).toBe('conv-1');
  });

  it('hands a queued getToken over as the function the page gave', () => {
    const { api, calls } = fakeApi();
    const getToken = async () => 'v1.token';
    runCommands(api, [['getToken', getToken], ['open']]);
    expect(calls).toEqual([['getToken', getToken], ['open']]);
  });

  it('registers a tool before load, and gives back its unregister function after', () => {
    const { api, calls } = fakeApi();
    const handler = () => ({ added: true });
    runCommands(api, [['registerTool', 'add_to_cart', handler]]);
    const off = runCommand(api, ['registerTool', 'get_cart', handler]) as () => void;
    off();
    expect(calls).toEqual([['registerTool', 'add_to_cart', handler], ['registerTool', 'get_cart', handler], ['unregister', 'get_cart']]);
  });

  it('skips unknown and malformed commands with a warning, and keeps going', () => {
    const { api, calls } = fakeApi();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    runCommands(api, [['explode'], 'open', null, ['push', ['open']], ['open']]);
    expect(calls).toEqual([['open']]);
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
  });

  it('a command that throws does not stop the rest', () => {
    const { api, calls } = fakeApi();
    const error = vi.spyOn(console, 'warn').mockImplementation(() => {});
    runCommands({ ...api, open: () => { throw new Error('boom'); } }, [['open'], ['close']]);
    expect(calls).toEqual([['close']]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('ignores a queue that is not an array', () => {
    const { api, calls } = fakeApi();
    runCommands(api, undefined);
    runCommands(api, { length: 1 });
    runCommand(api, ['close']);
    expect(calls).toEqual([['close']]);
  });
});
