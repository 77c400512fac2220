/**
 * npm run bench:relay — N concurrent full-duplex sessions, each streaming
 * 20 ms PCM16 frames up and receiving audio down, first straight to a test
 * service and then through the gateway (its real entry, in its own process,
 * with the openai upstream pointed at the same service). Prints the latency
 * the gateway adds per frame, and its CPU and memory per session.
 *
 *   SESSIONS=200 SECONDS=15 npm run bench:relay
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import WebSocket from 'ws';
import { createDevCert } from '../packages/gateway/src/dev-cert.js';
import { FRAME_BYTES } from '@contoso-voice/protocol';
import { mintSessionToken } from '../packages/gateway/src/security/session-token.js';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const SECONDS = Number(process.env.SECONDS ?? 15);
const WARMUP_S = 3;
const TSX = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

function startChild(script: string, env: NodeJS.ProcessEnv, ready: RegExp, nodeArgs: string[] = []): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', TSX, script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function procStats(pid: number): { cpuS: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  return { cpuS: ticks / 100, rssMiB: rssKiB / 1024 };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Opens the sessions, streams for SECONDS, and returns every frame's round trip in ms (after warm-up). */
async function run(label: string, url: string, mode: 'binary' | 'json', wsOptions: WebSocket.ClientOptions, token?: () => Promise<string>): Promise<number[]> {
  const sockets: WebSocket[] = [];
  const rtts: number[] = [];
  let measuring = false;
  let sent = 0;
  let lost = 0;
  for (let i = 0; i < SESSIONS; i++) {
    const ws = new WebSocket(token ? `${url}&token=${await token()}` : url, { ...wsOptions, perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary) => {
      let pcm: Buffer;
      if (isBinary) pcm = data;
      else {
        const event = JSON.parse(data.toString());
        if (event.type !== 'response.output_audio.delta') return;
        pcm = Buffer.from(event.delta, 'base64');
      }
      if (measuring) rtts.push(performance.now() - pcm.readDoubleLE(0));
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    sockets.push(ws);
  }
  const frame = Buffer.alloc(FRAME_BYTES);
  for (let i = 8; i < FRAME_BYTES; i += 2) frame.writeInt16LE(Math.round(Math.sin(i / 7) * 3000), i);
  // One pacer for all sessions, each at its own phase of the 20 ms cycle, so frames arrive spread out
  // as they would from shoppers on separate machines, not in the bursts that 200 timers fire in.
  const phase = sockets.map((_, i) => (i * 20) / sockets.length);
  const nextAt = phase.map((p) => performance.now() + p);
  let pacing = true;
  const pace = () => {
    const now = performance.now();
    sockets.forEach((ws, i) => {
      while (nextAt[i]! <= now) {
        nextAt[i]! += 20;
        if (ws.bufferedAmount > 64 * FRAME_BYTES) {
          lost++;
          continue;
        }
        frame.writeDoubleLE(performance.now(), 0);
        sent++;
        if (mode === 'binary') ws.send(frame);
        else ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: frame.toString('base64') }));
      }
    });
    if (pacing) setTimeout(pace, 1);
  };
  pace();
  await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
  measuring = true;
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  measuring = false;
  pacing = false;
  await new Promise((r) => setTimeout(r, 300));
  for (const ws of sockets) ws.terminate();
  const expected = SESSIONS * 50 * SECONDS;
  console.log(`${label}: ${rtts.length} frames measured of about ${expected} expected (${sent} sent in all, ${lost} skipped for backpressure)`);
  return rtts.sort((a, b) => a - b);
}

const BENCH_SITE_SECRET = 'bench-site-secret-0123456789';

async function main() {
  const dir = mkdtempSync(`${tmpdir()}/cv-bench-`);
  const pem = await createDevCert(1);
  writeFileSync(`${dir}/cert.pem`, pem.cert);
  writeFileSync(`${dir}/key.pem`, pem.key);
  const service = await startChild('bench/echo-service.ts', { CERT_FILE: `${dir}/cert.pem`, KEY_FILE: `${dir}/key.pem` }, /PORT (\d+)/);
  const servicePort = service.match[1];
  const gateway = await startChild(
    'packages/gateway/src/main.ts',
    {
      PORT: '0',
      DEV_TLS: 'off',
      UPSTREAM: 'openai',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: `https://127.0.0.1:${servicePort}/v1`,
      UPSTREAM_CA_FILE: `${dir}/cert.pem`,
      SITE_SECRET_DEMO: BENCH_SITE_SECRET,
      // Every bench session comes from 127.0.0.1.
      LIMITS: JSON.stringify({ maxSessionsPerIp: SESSIONS + 10, newSessionsPerIpPerMinute: SESSIONS * 4 }),
    },
    /gateway on (http:\/\/\S+)/,
    // PROFILE=1 writes a CPU profile of the gateway to bench/profiles/.
    process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [],
  );
  const gatewayUrl = gateway.match[1]!.replace(/^http/, 'ws');
  console.log(`${SESSIONS} sessions, 20 ms frames (${FRAME_BYTES} bytes) both ways, ${SECONDS} s measured after ${WARMUP_S} s warm-up, on ${(await import('node:os')).cpus().length} cores`);

  const direct = await run('direct to service', `wss://127.0.0.1:${servicePort}/v1/realtime?model=bench`, 'json', { ca: pem.cert });
  const idle = procStats(gateway.child.pid!);
  const before = procStats(gateway.child.pid!);
  const serviceBefore = procStats(service.child.pid!);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procStats(gateway.child.pid!).rssMiB)), 500);
  const mint = async () => (await mintSessionToken(BENCH_SITE_SECRET, { site: 'demo', iss: 'site' })).token;
  const relayed = await run('through gateway', `${gatewayUrl}/v1/realtime?site=demo&audio=binary`, 'binary', {}, mint);
  clearInterval(sampler);
  const after = procStats(gateway.child.pid!);
  const wallS = (performance.now() - started) / 1000;
  const serviceCpu = (procStats(service.child.pid!).cpuS - serviceBefore.cpuS) / wallS;
  const clientUsage = process.cpuUsage(clientBefore);
  const clientCpu = (clientUsage.user + clientUsage.system) / 1e6 / wallS;

  const row = (name: string, d: number[]) =>
    `${name.padEnd(20)} p50 ${percentile(d, 50).toFixed(2).padStart(7)} ms   p99 ${percentile(d, 99).toFixed(2).padStart(7)} ms`;
  const tail = (d: number[]) => `p90 ${percentile(d, 90).toFixed(2)}  p95 ${percentile(d, 95).toFixed(2)}  p99.9 ${percentile(d, 99.9).toFixed(2)}  max ${d.at(-1)!.toFixed(2)}`;
  console.log(`direct  ${tail(direct)}`);
  console.log(`gateway ${tail(relayed)}`);
  console.log(row('direct round trip', direct));
  console.log(row('gateway round trip', relayed));
  console.log(`added latency        p50 ${(percentile(relayed, 50) - percentile(direct, 50)).toFixed(2).padStart(7)} ms   p99 ${(percentile(relayed, 99) - percentile(direct, 99)).toFixed(2).padStart(7)} ms`);
  const cpuPerSession = ((after.cpuS - before.cpuS) / wallS / SESSIONS) * 100;
  console.log(`gateway CPU          ${((after.cpuS - before.cpuS) / wallS * 100).toFixed(1)} % of one core in all, ${cpuPerSession.toFixed(3)} % per session`);
  console.log(`gateway RSS          idle ${idle.rssMiB.toFixed(1)} MiB, peak ${peakRss.toFixed(1)} MiB, ${(((peakRss - idle.rssMiB) * 1024) / SESSIONS).toFixed(1)} KiB per session`);
  console.log(`machine load           bench clients ${(clientCpu * 100).toFixed(0)} %, test service ${(serviceCpu * 100).toFixed(0)} %, gateway ${(((after.cpuS - before.cpuS) / wallS) * 100).toFixed(0)} % (of ${(await import('node:os')).cpus().length * 100} %)`);
  gateway.child.kill('SIGTERM');
  service.child.kill('SIGTERM');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
