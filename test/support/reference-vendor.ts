// The reference vendor application (examples/vendor-app) as a process of its own, for end-to-end tests: it signs
// citizens in through the app's OpenID Provider and reads the Data API as a vendor's service would.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { REFERENCE_VENDOR_ENTRY, referenceVendorEnvironment } from '../../src/modules/reference-vendor/index.ts';
import { freePort } from './server.ts';
import { temporaryFolder } from './temporary.ts';

export type ReferenceVendor = {
  /** http://127.0.0.1:<port>: register `${baseUrl}/callback` etc. on its listing (seedReferenceVendor does). */
  baseUrl: string;
  port: number;
  output: () => string;
  stop(): Promise<void>;
};

/**
 * Starts the reference vendor for `clientId` (its listing's id) against `issuer` (the app's `${baseUrl}/oidc`) and
 * waits until it answers. Pick the port first (freePort) when the listing must name it before the vendor starts.
 */
export async function startReferenceVendor(options: {
  issuer: string;
  clientId: string;
  port?: number;
  dataDir?: string;
  timeoutMs?: number;
}): Promise<ReferenceVendor> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? temporaryFolder('jobunivers-reference-vendor-');
  const child = spawn(process.execPath, [REFERENCE_VENDOR_ENTRY], {
    env: { PATH: process.env.PATH ?? '', ...referenceVendorEnvironment({ port, issuer: options.issuer, clientId: options.clientId, dataDir }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the reference vendor exited (${exitCode}) before it was ready:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the reference vendor was not ready in time:\n${output}`);
    }
    await sleep(100);
  }
  return {
    baseUrl,
    port,
    output: () => output,
    async stop() {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}
