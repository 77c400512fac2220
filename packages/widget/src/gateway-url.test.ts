import { describe, expect, it } from 'vitest';
import { gatewayBase } from './gateway-url.js';
import { realtimeUrl } from './socket/gateway-socket.js';

describe('the gateway option', () => {
  it('is an origin, or the URL the gateway is mounted at, with no trailing slash', () => {
    expect(gatewayBase('https://voice.example.com')).toBe('https://voice.example.com');
    expect(gatewayBase('https://voice.example.com/')).toBe('https://voice.example.com');
    expect(gatewayBase('https://shop.example/voice')).toBe('https://shop.example/voice');
    expect(gatewayBase('https://shop.example/voice/')).toBe('https://shop.example/voice');
    expect(gatewayBase('http://127.0.0.1:8787/a/b//')).toBe('http://127.0.0.1:8787/a/b');
    // A script's directory, as the script tag passes it when data-gateway is left out.
    expect(gatewayBase(new URL('.', 'https://shop.example/voice/widget.js?v=3').href)).toBe('https://shop.example/voice');
  });

  it('keeps the path in the socket URL', () => {
    expect(realtimeUrl(gatewayBase('https://shop.example/voice/'), 'acme')).toBe('wss://shop.example/voice/v1/realtime?site=acme&audio=binary');
    expect(realtimeUrl(gatewayBase('http://127.0.0.1:9/'), 'a b')).toBe('ws://127.0.0.1:9/v1/realtime?site=a%20b&audio=binary');
  });

  it('refuses a query, a fragment, another scheme, and what is not an absolute URL', () => {
    for (const bad of ['https://shop.example/voice?site=demo', 'https://shop.example/voice#x', 'wss://shop.example/voice', 'ftp://shop.example', '/voice', 'shop.example', '']) {
      expect(() => gatewayBase(bad), bad).toThrow();
    }
    expect(() => gatewayBase('wss://shop.example')).toThrow(/http\(s\)/);
  });
});
