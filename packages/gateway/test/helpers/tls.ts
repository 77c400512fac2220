import { createDevCert, type Pem } from '../../src/dev-cert.js';

let cached: Promise<Pem> | null = null;

/** A certificate for 127.0.0.1 and localhost, made for this test run and trusted only by the clients that are handed it. */
export function testCert(): Promise<Pem> {
  cached ??= createDevCert(1);
  return cached;
}
