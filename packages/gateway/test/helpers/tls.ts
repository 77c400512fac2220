import { generate } from 'selfsigned';

export interface TestCert {
  cert: string;
  key: string;
}

let cached: Promise<TestCert> | null = null;

/** A certificate for 127.0.0.1 and localhost, made for this test run and trusted only by the clients that are handed it. */
export function testCert(): Promise<TestCert> {
  cached ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    days: 1,
    extensions: [
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  }).then((pems) => ({ cert: pems.cert, key: pems.private }));
  return cached;
}
