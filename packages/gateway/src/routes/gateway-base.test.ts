import { describe, expect, it } from 'vitest';
import { gatewayBaseUrl } from './gateway-base.js';

describe('gatewayBaseUrl', () => {
  it('keeps the path the gateway is mounted under', () => {
    expect(gatewayBaseUrl(undefined, 'http://127.0.0.1:3000/voice/v1/realtime?site=demo', '/v1/realtime')).toBe('http://127.0.0.1:3000/voice');
  });

  it('is the bare origin at the root', () => {
    expect(gatewayBaseUrl(undefined, 'https://voice.example/v1/realtime', '/v1/realtime')).toBe('https://voice.example');
  });

  it('prefers the configured public URL, path and all, without a trailing slash', () => {
    expect(gatewayBaseUrl('https://shop.example/voice/', 'http://10.0.0.5:8787/v1/realtime', '/v1/realtime')).toBe('https://shop.example/voice');
  });
});
