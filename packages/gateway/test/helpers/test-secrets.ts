/** Secrets the test gateways are started with, so tests can mint tokens as a retailer's backend would. */
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdef';
export const TEST_SITE_SECRET = 'test-site-secret-demo-0123456789';

/** Tests open many sessions from 127.0.0.1; the security suite sets its own strict limits. */
export const ROOMY_ADDRESS_LIMITS = { maxSessionsPerIp: 1000, newSessionsPerIpPerMinute: 100_000, tokensPerIpPerMinute: 100_000 };
