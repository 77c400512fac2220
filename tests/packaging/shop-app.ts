/**
 * A shop app of the consumer project (shop-apps/*.mjs) run with plain node as
 * a child process: it prints its URL as one JSON line once it listens.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface RunningShopApp {
  script: string;
  url: string;
  stop(): Promise<void>;
}

export async function startShopApp(dir: string, script: string, timeoutMs = 15_000): Promise<RunningShopApp> {
  const child = spawn(process.execPath, [script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The gateway keeps a dropped conversation for its resume window (30 s); the test need not wait it out.
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
  try {
    let first: string | undefined;
    for await (const line of lines) {
      first = line;
      break;
    }
    if (first === undefined) throw new Error('exited before listening');
    // Keep reading what it prints after that (the gateway's logs): a full pipe would block the app.
    child.stdout.resume();
    return { script, url: (JSON.parse(first) as { url: string }).url, stop };
  } catch (err) {
    await stop();
    throw new Error(`${script} did not start: ${(err as Error).message}\n${stderr}`);
  } finally {
    clearTimeout(timer);
  }
}
