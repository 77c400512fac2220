/**
 * The gateway as `npm start` runs it (src/main.ts), in a working directory
 * of the test's choosing, with the local engine unless told otherwise.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// The loader by path: the gateway runs from a scratch directory with no node_modules of its own.
export const TSX = new URL('node_modules/tsx/dist/loader.mjs', new URL('../../../../', import.meta.url)).href;

export interface MainProcess {
  child: ChildProcess;
  httpUrl: string;
  /** The development TLS listener, when it was not turned off. */
  tlsUrl: string | null;
  output(): string;
  /** SIGTERM, and the exit code. */
  stop(): Promise<number | null>;
}

export async function startMain(cwd: string, env: NodeJS.ProcessEnv = {}, startTimeoutMs = 15_000): Promise<MainProcess> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', DEV_TLS_PORT: '0', OPENAI_API_KEY: '', AZURE_OPENAI_API_KEY: '', UPSTREAM: '', ...env };
  const child = spawn(process.execPath, ['--import', TSX, `${ROOT}packages/gateway/src/main.ts`], { cwd, env: fullEnv });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  // 'close', not 'exit': it waits for stdout and stderr to drain, so output() is complete once stop() resolves.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const wantTls = fullEnv.DEV_TLS !== 'off';
  const { httpUrl, tlsUrl } = await new Promise<{ httpUrl: string; tlsUrl: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), startTimeoutMs);
    const check = setInterval(() => {
      const http = /gateway on (http:\/\/\S+)/.exec(output);
      const tls = /Development TLS on (https:\/\/\S+)/.exec(output);
      if (http && (tls || !wantTls)) {
        clearInterval(check);
        clearTimeout(timer);
        resolve({ httpUrl: http[1]!, tlsUrl: tls?.[1] ?? null });
      }
    }, 50);
  });
  return {
    child,
    httpUrl,
    tlsUrl,
    output: () => output,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
