import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/platform/db/embedded-postgres.ts';
import { temporaryFolder } from './temporary.ts';

export { freePort };

export type AppProcess = {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Sends a signal and waits for the process to end; returns its exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Runs `src/main.ts` as `npm start` would, with the given environment; does not wait for it. */
export function spawnApp(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['src/main.ts'], {
    // The reference vendor (on by default in development) only where a test asks for it: port 3001 is not the test's.
    // No synthetic demo history (on by default with the embedded database): tests expect the demo world as it is.
    // No SMTP catcher (on by default in development) unless a test sets MAIL_CATCHER=true: its mails land in the
    // database's dev_mail, where the test reads them (test/support/mail.ts).
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', REFERENCE_VENDOR_PORT: 'off', DEMO_HISTORY: 'false', MAIL_CATCHER: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/**
 * Starts the app on a free port and waits until /readyz answers 200 (or fails with its output). Its DATA_DIR (unless
 * `env` names one) is a temporary folder of its own, removed when the test process exits.
 */
export async function startApp(env: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = env.DATA_DIR ?? temporaryFolder('jobunivers-app-');
  const started = spawnApp({ PORT: String(port), HOST: '127.0.0.1', BASE_URL: baseUrl, DATA_DIR: dataDir, ...env });
  let exitCode: number | null | undefined;
  void started.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`the app exited (${exitCode}) before it was ready:\n${started.output()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  if (Date.now() >= deadline) {
    started.child.kill('SIGKILL');
    throw new Error(`the app was not ready within ${timeoutMs} ms:\n${started.output()}`);
  }
  return {
    ...started,
    baseUrl,
    async stop(signal = 'SIGTERM') {
      if (exitCode !== undefined) return exitCode;
      started.child.kill(signal);
      return started.exited;
    },
  };
}
