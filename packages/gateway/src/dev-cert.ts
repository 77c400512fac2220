/**
 * A self-signed certificate for local development, so that clients that only
 * speak wss:// (the openai package's realtime client) can reach a gateway on
 * this machine. Kept on disk so that a client trusts it across restarts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface Pem {
  cert: string;
  key: string;
}

export async function createDevCert(days = 30): Promise<Pem> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + days * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Reuses the certificate in `dir` when there is one, otherwise makes and saves one. */
export async function loadOrCreateDevCert(dir: string): Promise<Pem & { certPath: string }> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8'), certPath };
  }
  const pem = await createDevCert();
  mkdirSync(dir, { recursive: true });
  writeFileSync(certPath, pem.cert);
  writeFileSync(keyPath, pem.key, { mode: 0o600 });
  return { ...pem, certPath };
}

/**
 * A development site secret kept beside the certificate, so `npm run chat`
 * (a server client) can get tokens from a gateway started with `npm start`
 * without anyone setting SITE_SECRET_DEMO.
 */
export function loadOrCreateDevSecret(file: string, make: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = make();
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
