import { after } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createSessionReaders, jobDefinitions, routeModules } from '../../src/modules.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { createChangeBus, type ChangeBus } from '../../src/platform/changes.ts';
import { buildApp, type RouteModule } from '../../src/platform/http/app.ts';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { freePort } from './server.ts';
import { temporaryFolder } from './temporary.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { startMailCatcher, type MailCatcher } from '../../src/modules/dev-mail/index.ts';

export type TestApp = {
  app: FastifyInstance;
  config: Config;
  jobs: JobRunner | undefined;
  changes: ChangeBus;
  /** The SMTP catcher the app and its jobs send to (`mailCatcher: true`); its mails are in `dev_mail` (test/support/mail.ts). */
  mailCatcher: MailCatcher | undefined;
} & Omit<TestDatabase, 'drop'>;

/**
 * The real app over a fresh test database (migrated template, demo world seeded unless `seed: false`).
 * `env` overrides configuration; `extraRoutes` adds routes only a test needs (e.g. one that fails); `jobs` starts a
 * job runner with the app's job definitions (working, as the app's role) that handlers can queue jobs with.
 * `database` runs the app on another test app's database instead of a fresh one: a second process of the same
 * platform. `changes` is the app's change bus, for a test that publishes as a writer in the app's process would.
 * `mailCatcher` starts an SMTP catcher on the test's database before the app and the jobs, as main.ts does, and gives
 * them its address as their SMTP server: what they send lands in `dev_mail` (read it with test/support/mail.ts).
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    extraRoutes?: RouteModule[];
    listen?: boolean;
    logLines?: string[];
    jobs?: boolean;
    database?: Omit<TestDatabase, 'drop'>;
    mailCatcher?: boolean;
  } = {},
): Promise<TestApp> {
  // The demo world comes with the database: test/run.ts seeded it once into a template.
  // A database of its own is dropped after the app has closed: dropping it first (`with (force)`) cut the app's
  // connections under whatever it was still doing, and a query cut off so failed the test it ended in.
  const own = options.database ? undefined : await createTestDatabase({ seeded: options.seed !== false, dropWhenDone: false });
  const given = options.database ?? own;
  if (!given) throw new Error('createTestApp: no database');
  const database = { name: given.name, url: given.url, db: given.db, pool: given.pool };
  // Signing in needs a real listening server: the app talks to its own test IdP over HTTP, as it would to a real one.
  const port = options.listen ? await freePort() : 3000;
  const loaded = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: temporaryFolder('jobunivers-test-'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: database.url,
    // What a request showed a citizen is written with the request, so a test reads it at once (the batching has its own test).
    MARKETPLACE_VIEWS_FLUSH_MS: '0',
    ...options.env,
  });
  const lines = options.logLines;
  const logger = createLogger(lines ? { level: 'info', destination: { write: (line: string) => void lines.push(line) } } : { level: loaded.logLevel });
  // The app runs as the application role under row-level security, as in production; `db` stays the owner's for fixtures.
  const appDatabase = createDatabase({ url: database.url, poolMax: 5, asAppRole: true });
  const mailCatcher = options.mailCatcher ? await startMailCatcher({ db: appDatabase.db, logger }) : undefined;
  const config: Config = mailCatcher ? { ...loaded, mail: { ...loaded.mail, smtpUrl: mailCatcher.url } } : loaded;
  const state = createDatabase({ url: database.url, poolMax: 2, asAppRole: true, asyncCommit: true });
  const changes = createChangeBus({ logger });
  const sessions = createSessionReaders({ db: appDatabase.db, stateDb: state.db, config, logger, pool: appDatabase.pool, changes });
  const jobs = options.jobs
    ? new JobRunner({ databaseUrl: database.url, deps: { db: appDatabase.db, config, logger }, jobs: jobDefinitions, work: true, pollingIntervalSeconds: 0.5 })
    : undefined;
  await jobs?.start();
  const app = await buildApp({ config, db: appDatabase.db, stateDb: state.db, pool: appDatabase.pool, logger, jobs, sessions, changes }, [
    ...routeModules,
    ...(options.extraRoutes ?? []),
  ]);
  if (options.listen) await app.listen({ port: config.port, host: '127.0.0.1' });
  else await app.ready();
  after(async () => {
    await app.close();
    await jobs?.stop();
    await mailCatcher?.close();
    await appDatabase.db.destroy();
    await state.db.destroy();
    await own?.drop();
  });
  return { app, config, jobs, changes, mailCatcher, ...database };
}

/** Cookies a response set, as a Cookie header value to send back (a browser's cookie jar, for one exchange). */
export function cookiesFrom(response: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
  for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The CSRF token of the first form on an HTML page. */
export function csrfTokenIn(body: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

/**
 * A CSRF cookie and token as a browser signed in with `sessionToken` (or signed out, without one) gets them from a
 * page: a token passes only beside the session it was made with.
 */
export async function csrfPairFor(app: FastifyInstance, sessionToken?: string): Promise<{ cookie: string; token: string }> {
  const page = await app.inject({ url: '/tilgaengelighed', headers: sessionToken ? { cookie: `jobunivers-session=${sessionToken}` } : {} });
  return { cookie: cookiesFrom(page), token: csrfTokenIn(page.body) };
}

/** Form fields as a browser sends them: a name with one value, or several (checkboxes). */
export type FormFields = Record<string, string | string[]>;

/**
 * A signed-in browser's view of the app (session token → cookie): `open` a page, and `post` a form as a browser would
 * after opening the page it is on (`from`: its CSRF token and cookie). `headers` adds request headers to `open`.
 */
export function signedInForms(app: FastifyInstance) {
  const open = (token: string, url: string, headers: Record<string, string> = {}) =>
    app.inject({ url, headers: { cookie: `jobunivers-session=${token}`, ...headers } });
  const post = async (token: string, from: string, url: string, fields: FormFields = {}) => {
    const page = await open(token, from);
    const body = new URLSearchParams({ _csrf: csrfTokenIn(page.body) });
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return app.inject({
      method: 'POST',
      url,
      headers: { cookie: `${cookiesFrom(page)}; jobunivers-session=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  /** Creates an API client on the vendor portal as `adminSession` and takes a token with its client credentials. */
  const vendorApiToken = async (adminSession: string, name: string): Promise<string> => {
    const created = await post(adminSession, '/leverandoer/api-noegler', '/leverandoer/api-noegler', { name });
    const clientId = /<dt>client_id<\/dt><dd><code>(jvc_[^<]+)<\/code>/.exec(created.body)?.[1];
    const clientSecret = /<dt>client_secret<\/dt><dd><code>(jvs_[^<]+)<\/code>/.exec(created.body)?.[1];
    if (!clientId || !clientSecret) throw new Error(`no API client was created (${created.statusCode}): ${created.body.slice(0, 500)}`);
    const answer = await app.inject({
      method: 'POST',
      url: '/api/vendor/v1/token',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    if (answer.statusCode !== 200) throw new Error(`no token (${answer.statusCode}): ${answer.body}`);
    return answer.json<{ access_token: string }>().access_token;
  };
  return { open, post, vendorApiToken };
}

/**
 * A vendor's listing form filled in completely (Danish and English texts, an interview-practice service at
 * https://<host>), ready to submit; `overrides` change or add fields (data categories, price model, …).
 */
export function completeListingForm(names: { da: string; en: string }, host: string, overrides: FormFields = {}): FormFields {
  return {
    nameDa: names.da,
    nameEn: names.en,
    summaryDa: 'Øv jobsamtaler med en tålmodig træner og få feedback med det samme.',
    summaryEn: 'Practise job interviews with a patient trainer and get feedback at once.',
    descriptionDa: 'Ti korte øvelser.',
    descriptionEn: 'Ten short exercises.',
    journeyStage: 'prepare',
    categories: ['interview'],
    targetGroups: ['job_ready'],
    languages: ['da'],
    channels: ['web'],
    priceModel: 'free',
    requiredNsisLevel: 'Substantial',
    serviceUrl: `https://${host}/start`,
    accessibilityStatementUrl: `https://${host}/tilgaengelighed`,
    redirectUris: `https://${host}/callback`,
    clientAuthMethod: 'private_key_jwt',
    jwksUri: `https://${host}/jwks.json`,
    ...overrides,
  };
}

/**
 * A municipality's local offer form filled in completely (a workshop on 24 March next year, 09.30–12.00, sign-up
 * for 16), ready to submit; `overrides` change or add fields.
 */
export function localOfferForm(overrides: FormFields = {}): FormFields {
  const nextYear = String(new Date().getUTCFullYear() + 1);
  return {
    kind: 'workshop',
    titleDa: 'CV-værksted for ledige med en faglig uddannelse',
    titleEn: 'CV workshop for skilled workers',
    descriptionDa: 'Tag dit CV med, så gennemgår vi det sammen.',
    descriptionEn: 'Bring your CV and we go through it together.',
    place: 'Jobcentret, lokale 2.14',
    startsAtDay: '24',
    startsAtMonth: '3',
    startsAtYear: nextYear,
    startsAtTime: '09:30',
    endsAtDay: '24',
    endsAtMonth: '3',
    endsAtYear: nextYear,
    endsAtTime: '12:00',
    signupRequired: 'ja',
    capacity: '16',
    journeyStage: 'search',
    targetGroups: ['job_ready'],
    languages: ['da', 'en'],
    ...overrides,
  };
}
