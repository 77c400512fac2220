/**
 * `npm start`: the gateway on PORT (default 8787) with the upstream the
 * environment selects, logging JSON lines to stdout.
 */
import { readFileSync } from 'node:fs';
import { startNodeGateway } from './node.js';
import { upstreamFromEnv } from './upstream/from-env.js';
import { builtInSites } from './sites/index.js';
import { jsonLineLogger } from './log.js';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return n;
}

async function main() {
  const upstream = upstreamFromEnv();
  const tls =
    process.env.TLS_CERT_FILE && process.env.TLS_KEY_FILE
      ? { cert: readFileSync(process.env.TLS_CERT_FILE), key: readFileSync(process.env.TLS_KEY_FILE) }
      : undefined;
  const gateway = await startNodeGateway({
    upstream,
    sites: builtInSites,
    port: intEnv('PORT', 8787),
    hostname: process.env.HOST || '127.0.0.1',
    tls,
    limits: { maxMessageBytes: intEnv('MAX_MESSAGE_BYTES', 256 * 1024) },
    publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
    log: jsonLineLogger((line) => process.stdout.write(`${line}\n`)),
  });
  const note = upstream.kind === 'local' ? ' (built-in local engine: no model key set)' : '';
  console.log(`Contoso Voice gateway on ${gateway.url} — upstream: ${upstream.kind}${note}`);
  console.log(`  realtime socket: ${gateway.url.replace(/^http/, 'ws')}/v1/realtime?site=demo`);
  const stop = () => void gateway.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Could not start the gateway: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
