import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readOrCreateSecret } from './local-secret.ts';

/** Raised when the environment cannot make a working configuration; its message is one plain sentence per problem. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (what: string) =>
  z.coerce
    .number({ message: `must be a whole number (${what})` })
    .int({ message: `must be a whole number (${what})` })
    .positive({ message: `must be above zero (${what})` });

const identityProviderSchema = z.object({
  audience: z.enum(['citizen', 'staff', 'vendor', 'governance']),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** For staff: the municipalities (kommunekoder) whose employees sign in here; absent = all. */
  municipalities: z.array(z.string().regex(/^[0-9]{3}$/)).optional(),
  /**
   * For staff: the organisations (ids: 'kommune-<code>', 'akasse-<cvr>', 'aktoer-<cvr>') whose employees sign in here,
   * besides `municipalities`. Absent with `municipalities` absent too = every organisation.
   */
  organisations: z.array(z.string().regex(/^(kommune-[0-9]{3}|akasse-[0-9]{8}|aktoer-[0-9]{8})$/)).optional(),
});
export type IdentityProviderSettings = z.infer<typeof identityProviderSchema>;

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  PORT: z.coerce
    .number({ message: 'must be a port number between 0 and 65535' })
    .int({ message: 'must be a port number between 0 and 65535' })
    .min(0, { message: 'must be a port number between 0 and 65535' })
    .max(65535, { message: 'must be a port number between 0 and 65535' })
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url({ message: 'must be an absolute URL such as https://jobunivers.example.dk' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection URL' })
    .optional(),
  DATABASE_POOL_MAX: positiveInt('connections').default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_PG_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535, { message: 'must be a port number' }).default(0),
  COOKIE_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be a pino level such as info' }).default('info'),
  SEED_DEMO: booleanFlag.optional(),
  DEMO_HISTORY: booleanFlag.optional(),
  TRUST_PROXY: booleanFlag.default(false),
  SERVER_TIMING: booleanFlag.default(false),
  METRICS_TOKEN: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  RATE_LIMIT_API_PER_MINUTE: positiveInt('requests a minute').default(600),
  RATE_LIMIT_FORMS_PER_MINUTE: positiveInt('requests a minute').default(30),
  RATE_LIMIT_OIDC_PER_MINUTE: positiveInt('requests a minute').default(300),
  RATE_LIMIT_OIDC_ADDRESS_PER_MINUTE: positiveInt('requests a minute').default(600),
  RATE_LIMIT_EVENTS_PER_MINUTE: positiveInt('requests a minute').default(6000),
  OPS_LOG_RETENTION_DAYS: positiveInt('days').default(90),
  JOBS_ENABLED: booleanFlag.default(true),
  JOBS_POLL_SECONDS: positiveInt('seconds').default(2),
  TEST_IDP_ENABLED: booleanFlag.optional(),
  IDENTITY_PROVIDERS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON list of identity providers' });
        return z.NEVER;
      }
    })
    .pipe(z.array(identityProviderSchema, { message: 'must be a JSON list of identity providers' }))
    .optional(),
  SESSION_IDLE_MINUTES: positiveInt('minutes').default(30),
  SESSION_ABSOLUTE_HOURS: positiveInt('hours').default(8),
  ACCESS_LOG_RETENTION_DAYS: positiveInt('days').default(183),
  CONSENT_VALIDITY_MONTHS: positiveInt('months').default(12),
  LISTING_CHECK_REACHABILITY: booleanFlag.default(false),
  VENDOR_SANDBOX: booleanFlag.optional(),
  SIMULATORS_ENABLED: booleanFlag.optional(),
  JOBNET_URL: z.url({ message: 'must be an absolute URL such as https://jobnet.example.dk/api' }).optional(),
  DFDG_URL: z.url({ message: 'must be an absolute URL such as https://dfdg.example.dk/api' }).optional(),
  INTEGRATION_TIMEOUT_MS: positiveInt('milliseconds').default(2000),
  // Seconds before each webhook attempt (the first is the wait before the first try); tests shorten it.
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .regex(/^\d{1,6}(,\d{1,6}){0,19}$/, { message: 'must be whole seconds separated by commas, such as 0,5,300' })
    .transform((text) => text.split(',').map(Number))
    .default([0, 5, 300, 1800, 7200, 18000, 36000, 36000]),
  MARKETPLACE_VIEWS_FLUSH_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  REFERENCE_VENDOR_PORT: z.union([z.enum(['off']), z.coerce.number().int().min(0).max(65535)], { message: 'must be a port number, or 0/off' }).optional(),
  MAP_TILE_URL: z
    .string()
    .refine((template) => tileServerSource(template) !== undefined, {
      message: 'must be an http(s) tile address template with {z}, {x} and {y}, such as https://tiles.example.dk/{z}/{x}/{y}.png',
    })
    .optional(),
  MAP_TILE_ATTRIBUTION: z.string().max(300, { message: 'must be at most 300 characters' }).optional(),
  SMTP_URL: z
    .string()
    .refine((url) => /^smtps?:\/\/[^/?#]+/i.test(url) && URL.canParse(url), {
      message: 'must be an smtp:// or smtps:// URL such as smtps://user:password@smtp.example.dk:465',
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^(?:[^<>@\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
      message: 'must be an e-mail address, with a name before it if wanted: Jobunivers <ikke-svar@jobunivers.dk>',
    })
    .default('Jobunivers <ikke-svar@jobunivers.localhost>'),
  MAIL_CATCHER: booleanFlag.optional(),
  SMS_URL: z
    .string()
    .refine((url) => /^https?:\/\/[^/?#]+/i.test(url) && URL.canParse(url), {
      message: 'must be an http:// or https:// URL of the SMS gateway, such as https://user:password@sms.example.dk/send',
    })
    .optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  baseUrl: string;
  secureCookies: boolean;
  database: { url: string | undefined; poolMax: number; embeddedPort: number };
  dataDir: string;
  cookieSecret: string;
  logLevel: string;
  seedDemo: boolean;
  /** The demo seed also gives København and Aarhus a year of synthetic history (src/demo/): on by default with the
   *  embedded database outside production, so `npm start` shows believable dashboards; off with DATABASE_URL (tests). */
  demoHistory: boolean;
  trustProxy: boolean;
  /** How long what citizens saw in the marketplace waits before it is written in one statement (0: with each request). */
  marketplaceViewsFlushMs: number;
  /** Every answer says how long the app took to make it (`Server-Timing: app;dur=<ms>`), for measuring. */
  serverTiming: boolean;
  /** The bearer token a scraper sends for /metrics; undefined (production without METRICS_TOKEN) = /metrics is not served. */
  metricsToken: string | undefined;
  /** Requests a minute: API and forms per address; the OpenID Provider's PAR and token endpoints per client and per address; the events ingest per vendor. */
  rateLimit: { apiPerMinute: number; formsPerMinute: number; oidcPerClientPerMinute: number; oidcPerAddressPerMinute: number; eventsPerMinute: number };
  opsLogRetentionDays: number;
  jobsEnabled: boolean;
  /** How often an idle job worker asks the queue for work (pg-boss's polling interval). */
  jobsPollSeconds: number;
  /** Outbound webhooks: seconds before each attempt (WEBHOOK_RETRY_SCHEDULE; Standard Webhooks' schedule by default). */
  webhooks: { retrySchedule: number[] };
  testIdp: { enabled: boolean };
  identityProviders: IdentityProviderSettings[];
  session: { idleMinutes: number; absoluteHours: number };
  accessLogRetentionDays: number;
  /** How long a citizen's consent to a vendor's service holds before they are asked again. */
  consent: { validityMonths: number };
  /** Automated listing checks: whether addresses are fetched (off by default: it makes the platform call out), and
   *  whether the vendor sandbox rules apply (http://localhost redirect URIs allowed; on by default outside production). */
  listingChecks: { reachability: boolean; sandbox: boolean };
  /** The state's systems the Data API reads through (Jobnet: CV and job wishes; DFDG: ledighedsstatus). Outside
   *  production they default to the simulators the app serves itself under /simulatorer/; unset = not connected. */
  integrations: { simulators: boolean; jobnetUrl: string | undefined; dfdgUrl: string | undefined; timeoutMs: number };
  /** The reference vendor application (examples/vendor-app) `npm start` runs beside the app as a demo listing, on this
   *  port of 127.0.0.1; undefined = not run (always in production and tests, unless a test sets it). */
  referenceVendor: { port: number | undefined };
  /** The job search's map: a tile server (MAP_TILE_URL, a template with {z}/{x}/{y}, optionally {s} and {r}) makes the
   *  server-rendered SVG map an interactive Leaflet map, with the tiles' attribution (MAP_TILE_ATTRIBUTION, plain text)
   *  on it; unset = the SVG map only, and pages load nothing from elsewhere. */
  map: { tileUrl: string | undefined; attribution: string | undefined };
  /**
   * E-mail: where it is sent (SMTP_URL), who it is from (MAIL_FROM), and whether the app runs its own SMTP catcher
   * (MAIL_CATCHER: on by default outside production without SMTP_URL; never in production), whose mails the page
   * /udvikling/mails shows. With the catcher on, main.ts replaces `smtpUrl` with the catcher's address before anything
   * sends. No `smtpUrl` and no catcher: mail is off, and the mailer sends nothing.
   */
  mail: { smtpUrl: string | undefined; from: string; catcher: boolean };
  /**
   * SMS: the gateway an SMS is POSTed to (SMS_URL); outside production without one, the simulator that keeps each text
   * (shown at /udvikling/sms). Production without SMS_URL: SMS is off, and nothing is sent.
   */
  sms: { url: string | undefined; simulator: boolean };
};

/**
 * The Content-Security-Policy source that lets pages show a tile server's images: the origin of a tile address template
 * (https://tiles.example.dk/{z}/{x}/{y}.png gives https://tiles.example.dk), a `{s}` subdomain becoming a wildcard
 * label, the narrowest source CSP can say it with. Undefined when the template is no http(s) address with {z}, {x}, {y}.
 */
export function tileServerSource(template: string): string | undefined {
  if (!['{z}', '{x}', '{y}'].every((part) => template.includes(part))) return undefined;
  // Leaflet's placeholders, filled in with harmless values: what is left must be a plain URL.
  const subdomain = 'tile-subdomain';
  const sample = template
    .replaceAll('{s}', subdomain)
    .replace(/\{[xyz]\}/g, '0')
    .replaceAll('{r}', '');
  if (/[{}\s]/.test(sample) || !URL.canParse(sample)) return undefined;
  const url = new URL(sample);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) return undefined;
  if (!url.hostname.includes(subdomain)) return url.origin;
  // {s} only as the whole first label of a name with at least two more (a.tile.example.dk, never *.dk).
  const [first, ...rest] = url.hostname.split('.');
  if (first !== subdomain || rest.length < 2 || rest.some((label) => label.includes(subdomain))) return undefined;
  return `${url.protocol}//*.${url.host.slice(subdomain.length + 1)}`;
}

/** The reference vendor's port: 3001 in development unless 0/off; off in tests unless set; never in production. */
function referenceVendorPort(env: 'development' | 'test' | 'production', given: number | 'off' | undefined): number | undefined {
  if (given === 'off' || given === 0) return undefined;
  if (env === 'production') {
    if (given !== undefined) throw new ConfigError(['REFERENCE_VENDOR_PORT must be off in production: the reference vendor is a demo.']);
    return undefined;
  }
  return given ?? (env === 'development' ? 3001 : undefined);
}

/** Parses the environment once into the app's configuration; throws ConfigError naming each problem. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(stripEmpty(environment));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        if (issue.path.length > 1) return `${name}: ${issue.path.slice(1).join('.')} is wrong (${issue.message}).`;
        return `${name}=${JSON.stringify(withoutPassword(environment[name] ?? ''))} ${issue.message}.`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  ensureWritableDirectory(dataDir);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  if (e.NODE_ENV === 'production' && !e.COOKIE_SECRET) {
    throw new ConfigError(['COOKIE_SECRET must be set in production (at least 32 random characters).']);
  }
  const testIdpEnabled = e.TEST_IDP_ENABLED ?? e.NODE_ENV !== 'production';
  if (e.NODE_ENV === 'production' && testIdpEnabled) {
    throw new ConfigError(['TEST_IDP_ENABLED must be false in production: the built-in test identity provider lets anyone sign in as anyone.']);
  }
  if (e.NODE_ENV === 'production' && e.DEMO_HISTORY) {
    throw new ConfigError(['DEMO_HISTORY must be false in production: it writes synthetic citizens and events.']);
  }
  const mailCatcher = e.MAIL_CATCHER ?? (e.SMTP_URL === undefined && e.NODE_ENV !== 'production');
  if (e.NODE_ENV === 'production' && mailCatcher) {
    throw new ConfigError([
      'MAIL_CATCHER must be false in production: the local SMTP catcher keeps every mail instead of sending it and shows them to anyone.',
    ]);
  }
  const simulators = e.SIMULATORS_ENABLED ?? e.NODE_ENV !== 'production';
  if (e.NODE_ENV === 'production' && simulators) {
    throw new ConfigError(['SIMULATORS_ENABLED must be false in production: the built-in Jobnet and DFDG simulators answer with invented data about anyone.']);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    secureCookies: baseUrl.startsWith('https://'),
    database: { url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX, embeddedPort: e.EMBEDDED_PG_PORT },
    dataDir,
    cookieSecret: e.COOKIE_SECRET ?? readOrCreateSecret(dataDir, 'cookie-secret'),
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO ?? e.NODE_ENV !== 'production',
    demoHistory: e.DEMO_HISTORY ?? (e.NODE_ENV !== 'production' && e.DATABASE_URL === undefined),
    trustProxy: e.TRUST_PROXY,
    serverTiming: e.SERVER_TIMING,
    marketplaceViewsFlushMs: e.MARKETPLACE_VIEWS_FLUSH_MS,
    // Never open: outside production a local secret is made (DATA_DIR/metrics-token.txt) for a local scraper to read.
    metricsToken: e.METRICS_TOKEN ?? (e.NODE_ENV === 'production' ? undefined : readOrCreateSecret(dataDir, 'metrics-token')),
    rateLimit: {
      apiPerMinute: e.RATE_LIMIT_API_PER_MINUTE,
      formsPerMinute: e.RATE_LIMIT_FORMS_PER_MINUTE,
      oidcPerClientPerMinute: e.RATE_LIMIT_OIDC_PER_MINUTE,
      oidcPerAddressPerMinute: e.RATE_LIMIT_OIDC_ADDRESS_PER_MINUTE,
      eventsPerMinute: e.RATE_LIMIT_EVENTS_PER_MINUTE,
    },
    opsLogRetentionDays: e.OPS_LOG_RETENTION_DAYS,
    jobsEnabled: e.JOBS_ENABLED,
    jobsPollSeconds: e.JOBS_POLL_SECONDS,
    webhooks: { retrySchedule: e.WEBHOOK_RETRY_SCHEDULE },
    testIdp: { enabled: testIdpEnabled },
    identityProviders: e.IDENTITY_PROVIDERS ?? [],
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    consent: { validityMonths: e.CONSENT_VALIDITY_MONTHS },
    listingChecks: { reachability: e.LISTING_CHECK_REACHABILITY, sandbox: e.VENDOR_SANDBOX ?? e.NODE_ENV !== 'production' },
    referenceVendor: { port: referenceVendorPort(e.NODE_ENV, e.REFERENCE_VENDOR_PORT) },
    map: { tileUrl: e.MAP_TILE_URL, attribution: e.MAP_TILE_ATTRIBUTION },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, catcher: mailCatcher },
    sms: { url: e.SMS_URL, simulator: e.SMS_URL === undefined && e.NODE_ENV !== 'production' },
    integrations: {
      simulators,
      jobnetUrl: (e.JOBNET_URL ?? (simulators ? `${baseUrl}/simulatorer/jobnet` : undefined))?.replace(/\/$/, ''),
      dfdgUrl: (e.DFDG_URL ?? (simulators ? `${baseUrl}/simulatorer/dfdg` : undefined))?.replace(/\/$/, ''),
      timeoutMs: e.INTEGRATION_TIMEOUT_MS,
    },
  };
}

/** A value as a message may show it: a URL's password (SMTP_URL, DATABASE_URL) replaced by ***. */
function withoutPassword(value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url?.password) return value;
  url.password = '***';
  return url.toString();
}

function stripEmpty(environment: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

function ensureWritableDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    // A real write, not access(): root passes every permission check but not a read-only disk.
    const probe = path.join(dir, `.write-check-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch {
    throw new ConfigError([`DATA_DIR=${dir} is not a writable folder; choose a folder this user may write to.`]);
  }
}
