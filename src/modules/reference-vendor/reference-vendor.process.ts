// `npm start` runs the reference vendor application (examples/vendor-app) beside the app in development, as the demo
// listing "Referencetjenesten" (reference-vendor.seed.ts). It is a separate program, as a vendor's service would be.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config.ts';
import { REFERENCE_API_CLIENT_ID, REFERENCE_LISTING_ID, referenceVendorOrigin, referenceVendorSecrets } from './reference-vendor.seed.ts';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const REFERENCE_VENDOR_ENTRY = path.join(repositoryRoot, 'examples/vendor-app/server.ts');

export type ReferenceVendorProcess = { origin: string; child: ChildProcess; stop(): Promise<void> };

/** The environment the reference vendor reads (see examples/vendor-app/README.md). */
export function referenceVendorEnvironment(options: {
  port: number;
  issuer: string;
  clientId: string;
  dataDir: string;
  publicUrl?: string;
  /** Its vendor API client, for the events API and its change feed. */
  apiClient?: { id: string; secret: string };
  /** Its webhook endpoint's signing secret (whsec_…). */
  webhookSecret?: string;
}): Record<string, string> {
  return {
    PORT: String(options.port),
    ISSUER: options.issuer,
    CLIENT_ID: options.clientId,
    PUBLIC_URL: options.publicUrl ?? referenceVendorOrigin(options.port),
    DATA_DIR: options.dataDir,
    ...(options.apiClient ? { API_CLIENT_ID: options.apiClient.id, API_CLIENT_SECRET: options.apiClient.secret } : {}),
    ...(options.webhookSecret ? { WEBHOOK_SECRET: options.webhookSecret } : {}),
  };
}

/** Starts the reference vendor when configured (REFERENCE_VENDOR_PORT); its output goes to the app's log. */
export function startReferenceVendorProcess(config: Config, logger: Logger): ReferenceVendorProcess | undefined {
  const port = config.referenceVendor.port;
  if (!port) return undefined;
  const secrets = referenceVendorSecrets(config.dataDir);
  const env = referenceVendorEnvironment({
    port,
    issuer: `${config.baseUrl}/oidc`,
    clientId: REFERENCE_LISTING_ID,
    dataDir: path.join(config.dataDir, 'reference-vendor'),
    apiClient: { id: REFERENCE_API_CLIENT_ID, secret: secrets.apiClientSecret },
    webhookSecret: secrets.webhookSecret,
  });
  const child = spawn(process.execPath, [REFERENCE_VENDOR_ENTRY], { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = logger.child({ process: 'reference-vendor' });
  child.stdout?.on('data', (chunk: Buffer) => log.info(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => log.warn(chunk.toString().trim()));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      if (!stopping) log.warn({ code, signal }, 'the reference vendor stopped');
      resolve();
    }),
  );
  return {
    origin: referenceVendorOrigin(port),
    child,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
