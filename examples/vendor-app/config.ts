// The reference vendor's configuration: everything comes from the environment, read once here.
import path from 'node:path';

export type VendorConfig = {
  /** The port this service listens on. */
  port: number;
  /** Where browsers reach this service; redirect_uri, jwks_uri and the other addresses registered on the listing start with it. */
  publicUrl: string;
  /** The platform's OpenID Provider (Jobunivers: `<BASE_URL>/oidc`). Login requests naming another issuer are refused. */
  issuer: string;
  /** The platform itself: the Data API and the header script live here. Derived from the issuer unless given. */
  platformUrl: string;
  /** Our client_id: the id of our listing on the platform. */
  clientId: string;
  /** The data categories we ask for, as scopes; the platform grants only what the citizen consented to. */
  scope: string;
  /** Where our key and the little we keep about citizens are stored. */
  dataDir: string;
  /** Our private signing key (a JWK); made at first start when the file does not exist. */
  privateKeyFile: string;
  /** Our company's vendor API client (OAuth 2 client credentials): sends activity events and reads our change feed. */
  apiClient: { id: string; secret: string } | undefined;
  /** The signing secrets of our webhook endpoint (`whsec_…`); two during a rotation. Empty: /webhooks refuses everything. */
  webhookSecrets: string[];
  /** How often we follow the platform's feeds, in milliseconds (0: never). */
  feedIntervalMs: number;
};

const allCategories = ['profile', 'contact', 'cv', 'job_wishes', 'plan'];

/** Reads the environment; throws one message naming what is missing. */
export function loadVendorConfig(env: Record<string, string | undefined>): VendorConfig {
  const missing = ['ISSUER', 'CLIENT_ID'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`Set ${missing.join(' and ')} (see examples/vendor-app/README.md).`);
  const port = Number(env.PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number.');
  const issuer = String(env.ISSUER).replace(/\/$/, '');
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(import.meta.dirname, '.data'));
  if (Boolean(env.API_CLIENT_ID) !== Boolean(env.API_CLIENT_SECRET)) throw new Error('Set both API_CLIENT_ID and API_CLIENT_SECRET, or neither.');
  const webhookSecrets = (env.WEBHOOK_SECRET ?? '').split(/\s+/).filter(Boolean);
  if (webhookSecrets.some((secret) => !secret.startsWith('whsec_'))) throw new Error('WEBHOOK_SECRET holds whsec_… secrets (space-separated).');
  const feedIntervalMs = Number(env.FEED_INTERVAL_MS ?? 30_000);
  if (!Number.isInteger(feedIntervalMs) || feedIntervalMs < 0) throw new Error('FEED_INTERVAL_MS must be a whole number of milliseconds.');
  return {
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    issuer,
    platformUrl: (env.PLATFORM_URL ?? issuer.replace(/\/oidc$/, '')).replace(/\/$/, ''),
    clientId: String(env.CLIENT_ID),
    scope: env.SCOPE ?? ['openid', ...allCategories.map((c) => `jobunivers:${c}`)].join(' '),
    dataDir,
    privateKeyFile: path.resolve(env.PRIVATE_KEY_FILE ?? path.join(dataDir, 'private-key.jwk.json')),
    apiClient: env.API_CLIENT_ID && env.API_CLIENT_SECRET ? { id: env.API_CLIENT_ID, secret: env.API_CLIENT_SECRET } : undefined,
    webhookSecrets,
    feedIntervalMs,
  };
}
